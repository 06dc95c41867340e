package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionState;
import dev.switchboard.fixtures.TestHub;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.EventStream;
import dev.switchboard.testing.RawHttp;
import dev.switchboard.testing.RawRequest;
import dev.switchboard.testing.RawWebSocket;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The connection cap counts live transports, and negotiated connections only for the hold timeout: negotiates
 * that never open a transport cannot lock users out. Negotiates per client address can be rate-limited.
 */
class NegotiateLimitsTest {

    private static final String NEGOTIATE = "/test/negotiate?negotiateVersion=1";
    private static final String FULL = "Server is at its limit of 2 connections; try again later.";
    private static final String[] UPGRADE = {"Upgrade: websocket", "Connection: Upgrade",
        "Sec-WebSocket-Version: 13", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=="};

    @Test
    void idleNegotiatesLockUsersOutOnlyForTheHold() throws Exception {
        assertEquals(Duration.ofSeconds(5), ServerLimits.defaults().negotiateHoldTimeout());
        // Short, but long enough for 50 negotiates and a refused client to come within it on a loaded machine.
        ServerLimits shortHold = ServerLimits.defaults().withNegotiateHoldTimeout(Duration.ofSeconds(2));
        try (HubServer server = HubServer.builder().port(0).hub("/test", TestHub.class).maxConnections(50)
                .limits(shortHold).build().start();
             JavaClients clients = new JavaClients(server.port())) {
            // A first client, so that the refused one below is not slowed by loading the client's classes.
            clients.connect("/test").stop().blockingAwait(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            Await.until(() -> server.connectionCount() == 0, "the first client's slot to be freed");

            RawHttp http = new RawHttp(server.port(), "/test");
            for (int i = 0; i < 50; i++) {
                http.negotiate();
            }
            RuntimeException refused = assertThrows(RuntimeException.class, () -> clients.connect("/test"));
            assertTrue(String.valueOf(refused.getMessage()).contains("503"), refused.getMessage());

            // Well before the negotiated connections expire (15 s), which the await's 10 s could not wait for.
            Await.until(() -> server.connectionCount() == 0, "the idle negotiates to stop counting");
            HubConnection user = clients.connect("/test");
            assertEquals(HubConnectionState.CONNECTED, user.getConnectionState());
            assertEquals(3, user.invoke(Integer.class, "add", 1, 2).timeout(10, TimeUnit.SECONDS).blockingGet());
            assertEquals(1, server.connectionCount());
            user.stop().blockingAwait(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            Await.until(() -> server.connectionCount() == 0, "the user's slot to be freed");
        }
    }

    @Test
    void aNegotiateFloodOfThreeASecondDoesNotKeepUsersOut() throws Exception {
        // With the default hold the flood counts for 15 to 18 connections at most; before, for 45.
        ScheduledExecutorService flood = Executors.newSingleThreadScheduledExecutor();
        try (HubServer server = HubServer.builder().port(0).hub("/test", TestHub.class).maxConnections(25).build()
                .start();
             JavaClients clients = new JavaClients(server.port())) {
            BlockingQueue<Integer> statuses = new LinkedBlockingQueue<>();
            flood.scheduleWithFixedDelay(() -> statuses.add(negotiateStatus(server.port())), 0, 333,
                    TimeUnit.MILLISECONDS);
            // Ten seconds of it: time enough to fill 25 slots had each negotiate held one until it expired.
            List<Integer> answered = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                answered.add(Await.next(statuses, "the flood's next negotiate"));
            }
            assertEquals(Collections.nCopies(30, 200), answered, "the flood itself never met the cap");

            HubConnection user = clients.connect("/test");
            assertEquals(HubConnectionState.CONNECTED, user.getConnectionState());
            assertEquals(3, user.invoke(Integer.class, "add", 1, 2).timeout(10, TimeUnit.SECONDS).blockingGet());
            flood.shutdownNow();
            assertTrue(flood.awaitTermination(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            user.stop().blockingAwait(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            Await.until(() -> server.connectionCount() == 0, "the flood's negotiates and the user to stop counting");
        } finally {
            flood.shutdownNow();
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aTransportAfterTheHoldNeedsAFreeSlot(Transport transport) throws Exception {
        ServerLimits shortHold = ServerLimits.defaults().withNegotiateHoldTimeout(Duration.ofSeconds(1));
        try (HubServer server = HubServer.builder().port(0).hub("/test", TestHub.class).maxConnections(2)
                .limits(shortHold).build().start()) {
            int port = server.port();
            RawHttp http = new RawHttp(port, "/test");
            String withRoom = http.negotiate();
            String withoutRoom = http.negotiate();
            Await.until(() -> server.connectionCount() == 0, "both negotiates to stop counting");

            try (AutoCloseable first = takeUp(transport, http, port, withRoom)) {
                // A WebSocket's transport attaches once its 101 is written, so the client may see it first.
                Await.until(() -> server.connectionCount() == 1, "the late transport to take a slot again");
                String filler = http.handshaken();
                assertEquals(2, server.connectionCount());

                RawRequest.Answer refused = rawTakeUp(transport, port, withoutRoom);
                assertEquals(503, refused.status());
                assertEquals("5", refused.header("Retry-After"));
                // A refused upgrade has no body: its reason is in the status line.
                assertEquals(FULL, transport == Transport.WEB_SOCKETS ? refused.reason() : refused.body());
                assertEquals(2, server.connectionCount());

                assertEquals(202, http.delete(filler).statusCode());
                Await.until(() -> server.connectionCount() == 1, "the filler's slot to be freed");
                try (AutoCloseable second = takeUp(transport, http, port, withoutRoom)) {
                    Await.until(() -> server.connectionCount() == 2, "the refused connection, still valid, to count");
                }
            }
            Await.until(() -> server.connectionCount() == 0, "every slot to be given back, once");
        }
    }

    @Test
    void negotiatesOverTheRateOfOneAddressGet429UntilItsBucketRefills() throws Exception {
        // Nothing expires or stops counting during the test, so that the count shows what was created.
        HubOptions noExpiry = HubOptions.defaults().withDisconnectTimeout(Duration.ofMinutes(1));
        ServerLimits limited = ServerLimits.defaults().withNegotiateHoldTimeout(Duration.ofMinutes(1))
                .withNegotiateRateLimit(1, 3);
        try (HubServer server = HubServer.builder().port(0).hub("/test", TestHub.class).options(noExpiry)
                .limits(limited).build().start()) {
            int port = server.port();
            Burst plain = Burst.until429(i -> RawRequest.post(port, NEGOTIATE, ""));
            assertTrue(plain.admitted() >= 3, "the burst of 3 passes: " + plain.admitted());
            RawRequest.Answer refusal = plain.refusal();
            assertEquals("Too Many Requests", refusal.reason());
            assertEquals("1", refusal.header("Retry-After"));
            assertEquals("Too many negotiate requests from this address; try again later.", refusal.body());

            // The socket's address counts, never what a header claims: were it trusted, each would pass.
            Burst forwarded = Burst.until429(i -> RawRequest.post(port, NEGOTIATE, "",
                    "X-Forwarded-For: 203.0.113." + (i + 1)));
            // Another address has a whole bucket of its own.
            InetAddress other = InetAddress.getByName("127.0.0.2");
            Burst fromOther = Burst.until429(i -> RawRequest.postFrom(other, port, NEGOTIATE, ""));
            assertTrue(fromOther.admitted() >= 3, "another address's burst of 3 passes: " + fromOther.admitted());
            assertEquals(plain.admitted() + forwarded.admitted() + fromOther.admitted(), server.connectionCount(),
                    "a refused negotiate creates nothing");

            Await.until(() -> negotiateStatus(port) == 200, "the address's bucket to refill");
        }
    }

    @Test
    void negotiatesAreNotRateLimitedByDefault() throws Exception {
        assertEquals(0, ServerLimits.defaults().negotiatesPerSecondPerAddress());
        try (HubServer server = HubServer.builder().port(0).hub("/test", TestHub.class).build().start()) {
            for (int i = 0; i < 100; i++) {
                assertEquals(200, RawRequest.post(server.port(), NEGOTIATE, "").status());
            }
        }
    }

    /** The status of one negotiate on a socket of its own; -1 when it got no answer. */
    private static int negotiateStatus(int port) {
        try {
            return RawRequest.post(port, NEGOTIATE, "").status();
        } catch (IOException e) {
            return -1;
        }
    }

    /** What negotiating again and again got: how many were admitted before the first refusal, and that one. */
    private record Burst(int admitted, RawRequest.Answer refusal) {

        /** At most 20 tries: at one a second they cannot all pass unless they take 17 s. */
        static Burst until429(Negotiate negotiate) throws IOException {
            for (int i = 0; i < 20; i++) {
                RawRequest.Answer answer = negotiate.send(i);
                if (answer.status() != 200) {
                    assertEquals(429, answer.status(), answer.body());
                    return new Burst(i, answer);
                }
            }
            throw new AssertionError("20 negotiates from one address were all admitted");
        }
    }

    /** The {@code i}th negotiate of a burst. */
    private interface Negotiate {
        RawRequest.Answer send(int i) throws IOException;
    }

    /** Takes the negotiated connection up with {@code transport}, as its clients do; closing the result ends it. */
    private static AutoCloseable takeUp(Transport transport, RawHttp http, int port, String token) throws Exception {
        return switch (transport) {
            case LONG_POLLING -> {
                assertEquals(200, http.poll(token).statusCode());
                yield () -> http.delete(token);
            }
            case SERVER_SENT_EVENTS -> {
                EventStream stream = EventStream.open("http://localhost:" + port + "/test?id=" + token);
                assertEquals(200, stream.response.statusCode());
                yield stream;
            }
            case WEB_SOCKETS -> RawWebSocket.connect(URI.create("ws://localhost:" + port + "/test?id=" + token));
        };
    }

    /** The same request on a socket of its own, for the head of a refusal. */
    private static RawRequest.Answer rawTakeUp(Transport transport, int port, String token) throws IOException {
        String path = "/test?id=" + token;
        return switch (transport) {
            case LONG_POLLING -> RawRequest.send(port, "GET", path);
            case SERVER_SENT_EVENTS -> RawRequest.send(port, "GET", path, "Accept: text/event-stream");
            case WEB_SOCKETS -> RawRequest.send(port, "GET", path, UPGRADE);
        };
    }
}
