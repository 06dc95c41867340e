package dev.switchboard;

import static dev.switchboard.testing.RawWebSocket.JSON_HANDSHAKE;
import static dev.switchboard.testing.RawWebSocket.RS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.fixtures.TestHub;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.EventStream;
import dev.switchboard.testing.HttpSocket;
import dev.switchboard.testing.RawHttp;
import dev.switchboard.testing.RawRequest;
import dev.switchboard.testing.RawWebSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Kestrel's HTTP timeouts against a real server over raw sockets, with short limits so that the suite stays fast:
 * idle sockets, slow heads (an upgrade's included) and slow bodies are cut, with 408 where a request was begun;
 * held polls, event streams and WebSockets outlive every limit and still deliver. Closing times are checked only
 * from below: a server may cut late on a busy machine, never early.
 */
class HttpTimeoutsTest {

    static final Duration HEAD = Duration.ofSeconds(2);
    static final Duration KEEP_ALIVE = Duration.ofSeconds(3);
    static final int RATE = 240;
    static final Duration GRACE = Duration.ofSeconds(1);
    static final ServerLimits LIMITS = ServerLimits.defaults().withRequestHeadersTimeout(HEAD)
            .withKeepAliveTimeout(KEEP_ALIVE).withMinRequestBodyDataRate(RATE, GRACE);
    private static final Duration TRICKLE = Duration.ofMillis(500);

    private static HubServer server;
    private static ScheduledExecutorService timer;
    @RegisterExtension
    final Bystander.EachTest bystander = new Bystander.EachTest(() -> server, "/test");

    @BeforeAll
    static void start() throws Exception {
        server = HubServer.builder().port(0).hub("/test", TestHub.class).limits(LIMITS).build().start();
        timer = Executors.newScheduledThreadPool(2);
    }

    @AfterAll
    static void stop() {
        server.close();
        timer.shutdownNow();
    }

    /**
     * A client of its own: one whose pooled connection sat idle past the keep-alive timeout could send its next
     * request just as the server closes it, and fail, as the JDK's client does not retry a POST or DELETE.
     */
    private static RawHttp http() {
        return new RawHttp(server.port(), "/test");
    }

    static String head(int port, String requestLine, String... headers) {
        return requestLine + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n" + String.join("", headers) + "\r\n";
    }

    static String upgradeHead(int port) {
        return head(port, "GET /test", "Upgrade: websocket\r\n", "Connection: Upgrade\r\n",
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n", "Sec-WebSocket-Version: 13\r\n");
    }

    /** Fails unless at least {@code limit} has passed since {@code start}, a {@link System#nanoTime()}. */
    static void assertNotBefore(Duration limit, long start, String what) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(elapsed.compareTo(limit) >= 0, what + " after only " + elapsed.toMillis() + " ms");
    }

    /** The 408 a late head or a slow body gets, and then the end of the socket. */
    static void assertTimedOut(HttpSocket socket, String reason) throws Exception {
        RawRequest.Answer answer = socket.answer();
        assertEquals(408, answer.status(), answer.toString());
        assertEquals("Request Timeout", answer.reason());
        assertEquals("close", answer.header("Connection"));
        assertEquals(reason, answer.body());
        socket.assertClosedSilently();
    }

    @Test
    void theDefaultsAreKestrelsAndOutlastTheseTestsLimits() throws Exception {
        ServerLimits defaults = ServerLimits.defaults();
        assertEquals(Duration.ofSeconds(30), defaults.requestHeadersTimeout());
        assertEquals(Duration.ofSeconds(120), defaults.keepAliveTimeout());
        assertEquals(240, defaults.minRequestBodyDataRate());
        assertEquals(Duration.ofSeconds(5), defaults.minRequestBodyDataRateGracePeriod());
        try (HubServer plain = HubServer.builder().port(0).hub("/test", TestHub.class).build().start();
             HttpSocket idle = HttpSocket.open(plain.port());
             HttpSocket slow = HttpSocket.open(plain.port())) {
            // A head dribbled over longer than this class's head and keep-alive limits is still served, and so is a
            // request on a socket left idle as long.
            long start = System.nanoTime();
            String request = head(plain.port(), "POST /test/negotiate?negotiateVersion=1", "Content-Length: 0\r\n");
            slow.trickle(request, 6, Duration.ofMillis(250), timer).get(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertNotBefore(HEAD, start, "the head was sent");
            assertEquals(200, slow.answer().status());
            Await.until(() -> System.nanoTime() - start > KEEP_ALIVE.toNanos(), "the keep-alive limit to pass");
            idle.write(request);
            assertEquals(200, idle.answer().status());
        }
    }

    @Test
    void anIdleSocketIsClosedSilentlyAtTheKeepAliveTimeout() throws Exception {
        long start = System.nanoTime();
        try (HttpSocket idle = HttpSocket.open(server.port())) {
            idle.assertClosedSilently();
            assertNotBefore(KEEP_ALIVE, start, "closed");
        }
    }

    @Test
    void aSlowlorisHeadIsAnswered408AtTheHeadTimeout() throws Exception {
        try (HttpSocket slowloris = HttpSocket.open(server.port())) {
            long start = System.nanoTime();
            slowloris.trickle(head(server.port(), "GET /test/negotiate", "X-Padding: " + "x".repeat(100) + "\r\n"),
                    1, TRICKLE, timer);
            assertTimedOut(slowloris, "The request head did not arrive whole within 2 s.");
            assertNotBefore(HEAD, start, "cut");
        }
    }

    @Test
    void anUnfinishedUpgradeHeadIsAnswered408AtTheHeadTimeout() throws Exception {
        try (HttpSocket upgrade = HttpSocket.open(server.port())) {
            long start = System.nanoTime();
            String head = upgradeHead(server.port());
            upgrade.write(head.substring(0, head.length() - 2));
            assertTimedOut(upgrade, "The request head did not arrive whole within 2 s.");
            assertNotBefore(HEAD, start, "cut");
        }
    }

    /** Negotiate does not read a body: it answers at once, and the socket is closed once the body is too slow. */
    @Test
    void aNegotiateDeclaringTenMegabytesAndSendingNoneIsClosedAfterTheGrace() throws Exception {
        try (HttpSocket negotiate = HttpSocket.open(server.port())) {
            long start = System.nanoTime();
            negotiate.write(head(server.port(), "POST /test/negotiate?negotiateVersion=1",
                    "Content-Length: 10000000\r\n"));
            assertEquals(200, negotiate.answer().status());
            negotiate.assertClosedSilently();
            assertNotBefore(GRACE, start, "closed");
        }
    }

    @Test
    void aTrickledLongPollingPostIs408AndItsConnectionLivesOn() throws Exception {
        String token = http().handshaken();
        try (HttpSocket post = HttpSocket.open(server.port())) {
            post.write(head(server.port(), "POST /test?id=" + token, "Content-Length: 1000000\r\n"));
            long start = System.nanoTime();
            // 100 bytes a second: records the hub would take, were they not so slow.
            post.trickle(("{\"type\":6}" + RS).repeat(100_000), 50, TRICKLE, timer);
            assertTimedOut(post, "The request body arrived slower than 240 bytes a second.");
            assertNotBefore(GRACE, start, "cut");
        }
        http().post(token, "{\"type\":1,\"invocationId\":\"1\",\"target\":\"add\",\"arguments\":[20,22]}" + RS);
        assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":42}" + RS, http().poll(token).body());
        assertEquals(202, http().delete(token).statusCode());
    }

    @Test
    void aSlowButSteadyBodyIsServed() throws Exception {
        String token = http().handshaken();
        String records = ("{\"type\":6}" + RS).repeat(300);
        try (HttpSocket post = HttpSocket.open(server.port())) {
            post.write(head(server.port(), "POST /test?id=" + token, "Content-Length: " + records.length() + "\r\n"));
            long start = System.nanoTime();
            // 1,000 bytes a second, for longer than the grace period.
            post.trickle(records, 100, Duration.ofMillis(100), timer);
            assertEquals(200, post.answer().status());
            assertNotBefore(GRACE, start, "the body was sent");
        }
        assertEquals(202, http().delete(token).statusCode());
    }

    @Test
    void heldPollsEventStreamsAndWebSocketsOutliveEveryTimeoutAndStillDeliver() throws Exception {
        String pollToken = http().handshaken();
        CompletableFuture<HttpResponse<String>> poll = http().pollAsync(pollToken);
        String streamToken = http().negotiate();
        try (EventStream stream = EventStream.open("http://localhost:" + server.port() + "/test?id=" + streamToken);
             RawWebSocket socket = RawWebSocket.handshaken(URI.create("ws://localhost:" + server.port() + "/test"))) {
            Await.next(stream.comments, "the stream to open");
            http().post(streamToken, JSON_HANDSHAKE);
            assertEquals("{}", stream.next());
            // Every limit here is shorter than the keep-alive timeout: once a socket opened now is cut for being
            // idle, each has had its chance.
            long start = System.nanoTime();
            try (HttpSocket canary = HttpSocket.open(server.port())) {
                canary.assertClosedSilently();
            }
            assertNotBefore(KEEP_ALIVE, start, "the canary was cut");
            assertFalse(poll.isDone(), "the poll is still held");

            String call = "{\"type\":1,\"invocationId\":\"1\",\"target\":\"add\",\"arguments\":[20,22]}" + RS;
            String result = "{\"type\":3,\"invocationId\":\"1\",\"result\":42}";
            socket.sendText(call);
            assertEquals(result, socket.nextNonPing());
            http().post(streamToken, call);
            assertEquals(result, stream.nextNonPing());
            http().post(pollToken, call);
            assertEquals(result + RS, poll.get(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS).body());
        }
        assertEquals(202, http().delete(pollToken).statusCode());
    }

    @Test
    void theKeepAliveClockStartsWhenAResponseCompletes() throws Exception {
        String token = http().handshaken();
        try (HttpSocket client = HttpSocket.open(server.port())) {
            client.write(head(server.port(), "GET /test?id=" + token));
            // The poll is held past the keep-alive timeout, which a socket opened with it shows.
            long start = System.nanoTime();
            try (HttpSocket canary = HttpSocket.open(server.port())) {
                canary.assertClosedSilently();
            }
            assertNotBefore(KEEP_ALIVE, start, "the canary was cut");
            http().post(token, "{\"type\":1,\"invocationId\":\"1\",\"target\":\"add\",\"arguments\":[1,2]}" + RS);
            assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":3}" + RS, client.answer().body());
            // Kept alive between two requests, and closed only a keep-alive timeout after the second.
            client.write(head(server.port(), "POST /test/negotiate?negotiateVersion=1", "Content-Length: 0\r\n"));
            assertEquals(200, client.answer().status());
            long answered = System.nanoTime();
            client.assertClosedSilently();
            assertNotBefore(KEEP_ALIVE, answered, "closed");
        }
        assertEquals(202, http().delete(token).statusCode());
    }
}
