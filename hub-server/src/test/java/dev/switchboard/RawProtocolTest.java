package dev.switchboard;

import static dev.switchboard.testing.RawWebSocket.JSON_HANDSHAKE;
import static dev.switchboard.testing.RawWebSocket.RS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.fixtures.TestHub;
import dev.switchboard.testing.RawWebSocket;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hub protocol byte by byte, over a bare WebSocket: framing, versions, results, and the closes that
 * flooding and the client itself cause; every other kind of bad input is in {@link BadFrameCorpusTest}.
 * After each test another connection still works.
 */
class RawProtocolTest {

    private HubServer server;
    private Bystander bystander;

    @BeforeEach
    void start() throws Exception {
        server = HubServer.builder().port(0).hub("/test", TestHub.class).build().start();
        bystander = Bystander.join(server, "/test");
    }

    @AfterEach
    void stop() throws Exception {
        try (Bystander served = bystander) {
            served.assertServed();
        } finally {
            server.close();
        }
    }

    private URI uri() {
        return URI.create("ws://localhost:" + server.port() + "/test");
    }

    private static String invocation(String id, String target, String arguments) {
        return "{\"type\":1,\"invocationId\":\"" + id + "\",\"target\":\"" + target + "\",\"arguments\":" + arguments
                + "}" + RS;
    }

    @Test
    void theHandshakeAndSeveralInvocationsMayShareOneFrame() throws Exception {
        try (RawWebSocket client = RawWebSocket.connect(uri())) {
            client.sendText(JSON_HANDSHAKE + invocation("1", "add", "[1,2]") + "{\"type\":6}" + RS
                    + invocation("2", "echo", "[\"x\"]"));
            assertEquals("{}", client.next());
            assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":3}", client.next());
            assertEquals("{\"type\":3,\"invocationId\":\"2\",\"result\":\"x\"}", client.next());
        }
    }

    @Test
    void aRecordMaySpanFramesAndEscapedSeparatorsStayInsideStrings() throws Exception {
        try (RawWebSocket client = RawWebSocket.handshaken(uri())) {
            String whole = invocation("1", "echo", "[\"a\\u001eb\"]");
            client.sendText(whole.substring(0, 20));
            client.sendText(whole.substring(20));
            assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":\"a\\u001Eb\"}", client.next());
        }
    }

    @Test
    void binaryFramesAreAcceptedAndJsonIsAnsweredInTextFrames() throws Exception {
        try (RawWebSocket client = RawWebSocket.connect(uri())) {
            client.sendBinary(JSON_HANDSHAKE);
            assertEquals("{}", client.next());
            client.sendBinary(invocation("1", "add", "[2,2]"));
            assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":4}", client.next());
            assertTrue(client.frameWasText.take());
            assertTrue(client.frameWasText.take());
        }
    }

    @Test
    void resultsAndCompletionsFollowTheWireRules() throws Exception {
        try (RawWebSocket client = RawWebSocket.handshaken(uri())) {
            client.sendText(invocation("1", "echoBoxed", "[null]") + invocation("2", "doNothing", "[]")
                    + invocation("3", "echoPoint", "[{\"X\":1,\"y\":2,\"extra\":true}]"));
            assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":null}", client.next());
            assertEquals("{\"type\":3,\"invocationId\":\"2\"}", client.next());
            assertEquals("{\"type\":3,\"invocationId\":\"3\",\"result\":{\"x\":1,\"y\":2}}", client.next());
        }
    }

    @Test
    void versionTwoIsAcceptedWithoutStatefulReconnect() throws Exception {
        try (RawWebSocket client = RawWebSocket.connect(uri())) {
            client.sendText("{\"protocol\":\"json\",\"version\":2}" + RS + invocation("1", "add", "[2,5]"));
            assertEquals("{}", client.next());
            assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":7}", client.next());
        }
    }

    @Test
    void streamsAndUploadsOfANonStreamingMethodAreRefusedWithAClearCompletion() throws Exception {
        try (RawWebSocket client = RawWebSocket.handshaken(uri())) {
            client.sendText("{\"type\":4,\"invocationId\":\"1\",\"target\":\"echo\",\"arguments\":[\"x\"]}" + RS);
            assertEquals("{\"type\":3,\"invocationId\":\"1\",\"error\":\"The client attempted to invoke the "
                    + "non-streaming 'echo' method with a streaming invocation.\"}", client.next());
            client.sendText("{\"type\":1,\"invocationId\":\"2\",\"target\":\"echo\",\"arguments\":[\"x\"],"
                    + "\"streamIds\":[\"3\"]}" + RS);
            assertEquals("{\"type\":3,\"invocationId\":\"2\",\"error\":\"An unexpected error occurred invoking "
                    + "'echo' on the server. HubException: Client sent 1 stream(s), Hub method expects 0.\"}",
                    client.next());
            client.sendText("{\"type\":2,\"invocationId\":\"3\",\"item\":1}" + RS
                    + "{\"type\":3,\"invocationId\":\"3\"}" + RS + "{\"type\":5,\"invocationId\":\"1\"}" + RS
                    + invocation("4", "add", "[1,1]"));
            assertEquals("{\"type\":3,\"invocationId\":\"4\",\"result\":2}", client.next());
        }
    }

    @Test
    void aCloseFromTheClientIsAnsweredWithCloseAndANormalClosure() throws Exception {
        try (RawWebSocket client = RawWebSocket.handshaken(uri())) {
            client.sendText("{\"type\":7}" + RS);
            assertEquals("{\"type\":7}", client.next());
            assertEquals(1000, client.awaitClose());
        }
    }
}
