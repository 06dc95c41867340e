package dev.switchboard;

import static dev.switchboard.RawWebSocket.JSON_HANDSHAKE;
import static dev.switchboard.RawWebSocket.RS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hub protocol byte by byte, over a bare WebSocket: framing, the handshake's errors, bad input
 * answered by a Close with a clear error, and message types this server does not take yet. After each
 * failure another connection still works.
 */
class RawProtocolTest {

    private HubServer server;

    @BeforeEach
    void start() throws Exception {
        server = HubServer.builder().port(0).hub("/test", TestHub.class)
                .options(HubOptions.defaults().withMaximumReceiveMessageSize(1024))
                .build().start();
    }

    @AfterEach
    void stop() throws Exception {
        try (RawWebSocket other = RawWebSocket.handshaken(uri())) {
            other.sendText("{\"type\":1,\"invocationId\":\"9\",\"target\":\"add\",\"arguments\":[1,1]}" + RS);
            assertEquals("{\"type\":3,\"invocationId\":\"9\",\"result\":2}", other.nextNonPing());
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
    void unknownMessageTypesAndPropertiesAreIgnored() throws Exception {
        try (RawWebSocket client = RawWebSocket.handshaken(uri())) {
            client.sendText("{\"type\":42,\"whatever\":1}" + RS
                    + "{\"arguments\":[3,4],\"target\":\"add\",\"type\":1,\"invocationId\":\"1\",\"extra\":{}}" + RS);
            assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":7}", client.next());
        }
    }

    @Test
    void oversizedMessagesCloseTheConnectionWithAnError() throws Exception {
        try (RawWebSocket client = RawWebSocket.handshaken(uri())) {
            client.sendText(invocation("1", "echo", "[\"" + "x".repeat(2000) + "\"]"));
            String close = client.next();
            assertTrue(close.startsWith("{\"type\":7,\"error\":\"Connection closed with an error. "
                    + "The maximum message size of 1024B was exceeded.\""), close);
            assertEquals(1000, client.awaitClose());
        }
    }

    @Test
    void anUnfinishedRecordOverTheLimitClosesTooSoNothingBuffersWithoutEnd() throws Exception {
        try (RawWebSocket client = RawWebSocket.handshaken(uri())) {
            client.sendText("{\"type\":1,\"target\":\"" + "y".repeat(1100));
            assertTrue(client.next().contains("maximum message size"));
        }
    }

    @Test
    void malformedJsonClosesTheConnectionWithAnError() throws Exception {
        try (RawWebSocket client = RawWebSocket.handshaken(uri())) {
            client.sendText("{\"type\":1,\"target\":" + RS);
            String close = client.next();
            assertTrue(close.startsWith("{\"type\":7,\"error\":\"Connection closed with an error. Error reading JSON"),
                    close);
            assertTrue(close.endsWith("\"allowReconnect\":true}"), close);
            assertEquals(1000, client.awaitClose());
        }
    }

    @Test
    void missingRequiredPropertiesCloseTheConnection() throws Exception {
        try (RawWebSocket client = RawWebSocket.handshaken(uri())) {
            client.sendText("{\"type\":1,\"invocationId\":\"1\",\"arguments\":[]}" + RS);
            assertTrue(client.next().contains("Missing required property 'target'."));
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
    void unknownProtocolsAndVersionsFailTheHandshake() throws Exception {
        try (RawWebSocket client = RawWebSocket.connect(uri())) {
            client.sendText("{\"protocol\":\"xml\",\"version\":1}" + RS);
            assertEquals("{\"error\":\"The protocol 'xml' is not supported.\"}", client.next());
            assertEquals(1000, client.awaitClose());
        }
        try (RawWebSocket client = RawWebSocket.connect(uri())) {
            client.sendText("{\"protocol\":\"JSON\",\"version\":3}" + RS);
            assertEquals("{\"error\":\"The server does not support version 3 of the 'json' protocol.\"}",
                    client.next());
        }
        try (RawWebSocket client = RawWebSocket.connect(uri())) {
            client.sendText("{\"protocol\":\"json\"}" + RS);
            assertEquals("{\"error\":\"An unexpected error occurred during connection handshake. "
                    + "Missing required property 'version'.\"}", client.next());
        }
        try (RawWebSocket client = RawWebSocket.connect(uri())) {
            client.sendText("not json" + RS);
            assertTrue(client.next().startsWith("{\"error\":\"An unexpected error occurred during connection "
                    + "handshake. The handshake is not valid JSON."));
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
    void statefulReconnectMessagesCloseTheConnectionSinceItWasNotNegotiated() throws Exception {
        try (RawWebSocket client = RawWebSocket.handshaken(uri())) {
            client.sendText("{\"type\":8,\"sequenceId\":1}" + RS);
            assertTrue(client.next().contains("Stateful reconnect was not negotiated"));
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
