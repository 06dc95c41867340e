package dev.switchboard;

import static dev.switchboard.testing.RawWebSocket.JSON_HANDSHAKE;
import static dev.switchboard.testing.RawWebSocket.RS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.switchboard.fixtures.TestHub;
import dev.switchboard.testing.EventStream;
import dev.switchboard.testing.RawHttp;
import dev.switchboard.testing.RawWebSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bound on invocations waiting to run holds on every transport, however the records arrive: many in one
 * WebSocket frame, one per frame, many in one POST of long polling or Server-Sent Events. The flooding client
 * gets a Close with the error and no reconnect; another client of the same server is served as before.
 */
class PendingInvocationsTest {

    private static final String CLOSE = "{\"type\":7,\"error\":\"Connection closed with an error. More than 4 "
            + "invocations were waiting to run.\"}";

    private final Injector injector = Guice.createInjector();
    private final TestHub.Recorder recorder = injector.getInstance(TestHub.Recorder.class);
    private HubServer server;
    private RawHttp raw;

    @BeforeEach
    void start() throws Exception {
        server = HubServer.builder().port(0).hub("/test", TestHub.class).injector(injector)
                .options(HubOptions.defaults().withMaximumPendingInvocations(4)).build().start();
        raw = new RawHttp(server.port(), "/test");
    }

    @AfterEach
    void stop() {
        recorder.gate.complete(null);
        server.close();
    }

    /** The first call holds the queue at the gate; eight more are four too many. */
    private static String flood() {
        StringBuilder flood = new StringBuilder(invocation("0", "waitAtGate", "[]"));
        for (int i = 1; i <= 8; i++) {
            flood.append(invocation(Integer.toString(i), "record", "[\"refused\"]"));
        }
        return flood.toString();
    }

    private static String invocation(String id, String target, String arguments) {
        return "{\"type\":1,\"invocationId\":\"" + id + "\",\"target\":\"" + target + "\",\"arguments\":" + arguments
                + "}" + RS;
    }

    private URI webSocketUri() {
        return URI.create("ws://localhost:" + server.port() + "/test");
    }

    @Test
    void manyCallsInOneWebSocketFrame() throws Exception {
        try (RawWebSocket client = RawWebSocket.handshaken(webSocketUri())) {
            client.sendText(flood());
            assertEquals(CLOSE, client.next());
            assertEquals(1000, client.awaitClose());
        }
        assertOthersAreServed();
    }

    @Test
    void oneCallPerWebSocketFrame() throws Exception {
        try (RawWebSocket client = RawWebSocket.handshaken(webSocketUri())) {
            for (String record : flood().split(RS)) {
                client.sendText(record + RS);
            }
            assertEquals(CLOSE, client.next());
            assertEquals(1000, client.awaitClose());
        }
        assertOthersAreServed();
    }

    @Test
    void manyCallsInOneLongPollingPost() throws Exception {
        String token = raw.negotiate();
        assertEquals(200, raw.poll(token).statusCode());
        assertEquals(200, raw.post(token, JSON_HANDSHAKE).statusCode());
        assertEquals("{}" + RS, raw.poll(token).body());

        assertEquals(200, raw.post(token, flood()).statusCode(), "the body was read whole");
        HttpResponse<String> poll = raw.poll(token);
        assertEquals(200, poll.statusCode());
        assertEquals(CLOSE + RS, poll.body());
        assertEquals(202, raw.delete(token).statusCode());
        assertOthersAreServed();
    }

    @Test
    void manyCallsInOneServerSentEventsPost() throws Exception {
        String token = raw.negotiate();
        try (EventStream stream = EventStream.open("http://localhost:" + server.port() + "/test?id=" + token)) {
            assertEquals(200, raw.post(token, JSON_HANDSHAKE).statusCode());
            assertEquals("{}", stream.nextNonPing());

            assertEquals(200, raw.post(token, flood()).statusCode(), "the body was read whole");
            assertEquals(CLOSE, stream.nextNonPing());
        }
        assertOthersAreServed();
    }

    /** A new client is served; once the gated call ends, none of the calls queued behind it runs. */
    private void assertOthersAreServed() throws Exception {
        recorder.gate.complete(null);
        try (RawWebSocket other = RawWebSocket.handshaken(webSocketUri())) {
            other.sendText(invocation("1", "add", "[2,3]"));
            assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":5}", other.next());
        }
        assertTrue(recorder.fireAndForget.isEmpty(), "a call of the closed connection ran");
    }
}
