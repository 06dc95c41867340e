package dev.switchboard;

import static dev.switchboard.testing.RawWebSocket.JSON_HANDSHAKE;
import static dev.switchboard.testing.RawWebSocket.RS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.switchboard.fixtures.TestHub;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.EventStream;
import dev.switchboard.testing.RawHttp;
import dev.switchboard.testing.RawWebSocket;
import dev.switchboard.testing.StalledClient;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every kind of bad hub-protocol input, each with its defined answer, read as tables: handshakes refused
 * with an error record, messages that close the connection with a Close carrying the error, calls answered
 * with an error Completion, and messages ignored as SignalR ignores them. Over a bare WebSocket, and over
 * long polling where the transport matters. After every case a {@link Bystander} still gets its answers.
 */
class BadFrameCorpusTest {

    /** Small, so that oversized input is cheap to make. */
    static final int MAX_MESSAGE = 4096;
    private static final HubOptions LIMITS = HubOptions.defaults().withMaximumReceiveMessageSize(MAX_MESSAGE);
    private static HubServer server;
    @RegisterExtension
    final Bystander.EachTest bystander = new Bystander.EachTest(() -> server, "/test");

    @BeforeAll
    static void start() throws Exception {
        server = HubServer.builder().port(0).hub("/test", TestHub.class).options(LIMITS)
                .hub("/impatient", TestHub.class, LIMITS.withHandshakeTimeout(Duration.ofMillis(300)))
                .build().start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static URI hub(String path) {
        return URI.create("ws://localhost:" + server.port() + path);
    }

    static String invocation(String id, String target, String arguments) {
        return "{\"type\":1,\"invocationId\":\"" + id + "\",\"target\":\"" + target + "\",\"arguments\":" + arguments
                + "}" + RS;
    }

    private static String nested(int depth) {
        return "[".repeat(depth) + "]".repeat(depth);
    }

    private static String handshakeError(String error) {
        return "{\"error\":\"An unexpected error occurred during connection handshake. " + error + "\"}";
    }

    private static String closeWith(String error) {
        return "{\"type\":7,\"error\":\"Connection closed with an error. " + error + "\",\"allowReconnect\":true}";
    }

    private static String completionError(String id, String error) {
        return "{\"type\":3,\"invocationId\":\"" + id + "\",\"error\":\"" + error + "\"}";
    }

    /**
     * Sends {@code input} in messages of at most the maximum size: a longer WebSocket message is refused with 1009
     * before any record is read (see {@link #aMessageLongerThanTheMaximumIsRefusedWith1009}), while a record may
     * span messages and is bounded on its own.
     */
    private static void sendInMessages(RawWebSocket client, String input, boolean binary) throws Exception {
        for (int start = 0; start < input.length(); start += MAX_MESSAGE) {
            String piece = input.substring(start, Math.min(input.length(), start + MAX_MESSAGE));
            if (binary) {
                client.sendBinary(piece);
            } else {
                client.sendText(piece);
            }
        }
    }

    /** The connection's last record is {@code answer}, a Close or a handshake error, and it ends normally. */
    private static void assertLastAnswer(RawWebSocket client, String answer, String kind) throws Exception {
        assertEquals(answer, client.nextNonPing(), kind);
        assertEquals(1000, client.awaitClose(), kind);
    }

    // ---- the handshake

    static Stream<Arguments> refusedHandshakes() {
        String tooLarge = "The maximum message size of " + MAX_MESSAGE + "B was exceeded.";
        return Stream.of(
                arguments("malformed JSON", "{\"protocol\":" + RS,
                        handshakeError("The handshake is not valid JSON.")),
                arguments("not an object", "[\"json\",1]" + RS,
                        handshakeError("The handshake must be a JSON object.")),
                arguments("missing protocol", "{\"version\":1}" + RS,
                        handshakeError("Missing required property 'protocol'.")),
                arguments("protocol not a string", "{\"protocol\":1,\"version\":1}" + RS,
                        handshakeError("Missing required property 'protocol'.")),
                arguments("missing version", "{\"protocol\":\"json\"}" + RS,
                        handshakeError("Missing required property 'version'.")),
                arguments("version not an integer", "{\"protocol\":\"json\",\"version\":1.5}" + RS,
                        handshakeError("Missing required property 'version'.")),
                arguments("unknown protocol", "{\"protocol\":\"xml\",\"version\":1}" + RS,
                        "{\"error\":\"The protocol 'xml' is not supported.\"}"),
                arguments("unsupported MessagePack version", "{\"protocol\":\"messagepack\",\"version\":3}" + RS,
                        "{\"error\":\"The server does not support version 3 of the 'messagepack' protocol.\"}"),
                arguments("unsupported version", "{\"protocol\":\"JSON\",\"version\":3}" + RS,
                        "{\"error\":\"The server does not support version 3 of the 'json' protocol.\"}"),
                arguments("negative version", "{\"protocol\":\"json\",\"version\":-1}" + RS,
                        "{\"error\":\"The server does not support version -1 of the 'json' protocol.\"}"),
                arguments("deeply nested", "{\"protocol\":\"json\",\"version\":1,\"x\":" + nested(100) + "}" + RS,
                        handshakeError("The handshake is not valid JSON.")),
                arguments("oversized", "{\"protocol\":\"json\",\"version\":1,\"x\":\"" + "x".repeat(MAX_MESSAGE) + "\"}"
                        + RS, handshakeError(tooLarge)),
                arguments("no separator, growing past the size", "{\"protocol\":\"json\",\"x\":\""
                        + "x".repeat(MAX_MESSAGE), handshakeError(tooLarge)));
    }

    @ParameterizedTest(name = "handshake: {0}")
    @MethodSource("refusedHandshakes")
    void aBadHandshakeIsRefusedWithAnErrorAndTheConnectionEnds(String kind, String input, String answer)
            throws Exception {
        try (RawWebSocket client = RawWebSocket.connect(hub("/test"))) {
            sendInMessages(client, input, false);
            assertLastAnswer(client, answer, kind);
        }
    }

    static Stream<Arguments> unfinishedHandshakes() {
        return Stream.of(
                arguments("never sent", ""),
                arguments("no separator, then nothing", "{\"protocol\":\"json\",\"version\":1}"));
    }

    @ParameterizedTest(name = "handshake: {0}")
    @MethodSource("unfinishedHandshakes")
    void aHandshakeNotFinishedInTimeIsCanceled(String kind, String input) throws Exception {
        try (RawWebSocket client = RawWebSocket.connect(hub("/impatient"))) {
            if (!input.isEmpty()) {
                client.sendText(input);
            }
            assertLastAnswer(client, "{\"error\":\"Handshake was canceled.\"}", kind);
        }
    }

    // ---- messages that end the connection

    static Stream<Arguments> closingMessages() {
        String tooLarge = "The maximum message size of " + MAX_MESSAGE + "B was exceeded.";
        return Stream.of(
                arguments("a second handshake", JSON_HANDSHAKE, closeWith("Missing required property 'type'.")),
                arguments("invalid JSON", "{\"type\":1,\"target\":" + RS,
                        closeWith("Error reading JSON: Unexpected end-of-input within/between Object entries")),
                arguments("not an object", "[1,2]" + RS, closeWith("Expected a JSON object.")),
                arguments("an empty record", RS, closeWith("Expected a JSON object.")),
                arguments("missing type", "{\"invocationId\":\"1\"}" + RS,
                        closeWith("Missing required property 'type'.")),
                arguments("type a string", "{\"type\":\"1\"}" + RS, closeWith("Expected 'type' to be an integer.")),
                arguments("missing target", "{\"type\":1,\"invocationId\":\"1\",\"arguments\":[]}" + RS,
                        closeWith("Missing required property 'target'.")),
                arguments("arguments not an array", "{\"type\":1,\"target\":\"add\",\"arguments\":{}}" + RS,
                        closeWith("Expected 'arguments' to be of type Array.")),
                arguments("invocation id a number", "{\"type\":1,\"invocationId\":1,\"target\":\"add\","
                        + "\"arguments\":[1,2]}" + RS, closeWith("Expected 'invocationId' to be of type String.")),
                arguments("error and result together", "{\"type\":3,\"invocationId\":\"1\",\"result\":1,"
                        + "\"error\":\"x\"}" + RS,
                        closeWith("The 'error' and 'result' properties are mutually exclusive.")),
                arguments("stateful reconnect not negotiated", "{\"type\":8,\"sequenceId\":1}" + RS,
                        closeWith("Stateful reconnect was not negotiated for this connection.")),
                arguments("nested deeper than 64 levels", invocation("1", "echoNode", "[" + nested(63) + "]"),
                        closeWith("Error reading JSON: Document nesting depth (65) exceeds the maximum allowed (64)")),
                arguments("a number longer than 1000 digits", invocation("1", "echoNode", "[" + "9".repeat(1001) + "]"),
                        closeWith("Error reading JSON: Number value length (1001) exceeds the maximum allowed (1000)")),
                arguments("an oversized record", invocation("1", "echo", "[\"" + "x".repeat(MAX_MESSAGE) + "\"]"),
                        closeWith(tooLarge)),
                arguments("a record that never ends", "{\"type\":1,\"target\":\"" + "y".repeat(MAX_MESSAGE + 1),
                        closeWith(tooLarge)));
    }

    @ParameterizedTest(name = "text frame: {0}")
    @MethodSource("closingMessages")
    void aBadMessageInATextFrameClosesTheConnectionWithTheError(String kind, String input, String answer)
            throws Exception {
        try (RawWebSocket client = RawWebSocket.handshaken(hub("/test"))) {
            sendInMessages(client, input, false);
            assertLastAnswer(client, answer, kind);
        }
    }

    @Test
    void anOversizedRecordInBinaryMessagesClosesTheConnectionToo() throws Exception {
        try (RawWebSocket client = RawWebSocket.handshaken(hub("/test"))) {
            sendInMessages(client, invocation("1", "echo", "[\"" + "x".repeat(MAX_MESSAGE) + "\"]"), true);
            assertLastAnswer(client, closeWith("The maximum message size of " + MAX_MESSAGE + "B was exceeded."),
                    "oversized record in binary messages");
        }
    }

    /** Up to issue 15 this was the record's Close; now the WebSocket message is refused before it is read. */
    @ParameterizedTest(name = "binary: {0}")
    @ValueSource(booleans = {false, true})
    void aMessageLongerThanTheMaximumIsRefusedWith1009(boolean binary) throws Exception {
        try (RawWebSocket client = RawWebSocket.handshaken(hub("/test"))) {
            String record = invocation("1", "echo", "[\"" + "x".repeat(MAX_MESSAGE) + "\"]");
            if (binary) {
                client.sendBinary(record);
            } else {
                client.sendText(record);
            }
            assertEquals(1009, client.awaitClose());
        }
    }

    @Test
    void invalidUtf8InABinaryFrameClosesTheConnectionWithTheError() throws Exception {
        try (RawWebSocket client = RawWebSocket.handshaken(hub("/test"))) {
            client.sendBinary(withInvalidUtf8(invocation("1", "echo", "[\"@\"]")));
            assertLastAnswer(client, closeWith("Error reading JSON: Invalid UTF-8 start byte 0xff"),
                    "invalid UTF-8 in a binary frame");
        }
    }

    // ---- WebSocket frames no client library would send: Tyrus closes with the RFC 6455 status

    static Stream<Arguments> badWebSocketFrames() {
        byte[] ping = ("{\"type\":6}" + RS).getBytes(StandardCharsets.UTF_8);
        return Stream.of(
                arguments("invalid UTF-8 in a text frame", 0x81, withInvalidUtf8(invocation("1", "echo", "[\"@\"]")),
                        1007),
                arguments("a reserved bit set", 0xC1, ping, 1002),
                arguments("a reserved opcode", 0x83, ping, 1002),
                arguments("a continuation with nothing to continue", 0x80, ping, 1002),
                arguments("a fragmented control frame", 0x09, ping, 1002));
    }

    @ParameterizedTest(name = "WebSocket frame: {0}")
    @MethodSource("badWebSocketFrames")
    void aBadWebSocketFrameIsAnsweredWithAClose(String kind, int firstByte, byte[] payload, int code)
            throws Exception {
        try (StalledClient client = StalledClient.connect(server.port(), "/test")) {
            client.sendFrame(firstByte, payload);
            assertEquals(code, client.closeCode(), kind);
        }
    }

    /** {@code text} with its {@code @} replaced by a byte that never occurs in UTF-8. */
    private static byte[] withInvalidUtf8(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        bytes[text.indexOf('@')] = (byte) 0xFF;
        return bytes;
    }

    // ---- calls answered with an error, the connection going on

    static Stream<Arguments> refusedCalls() {
        String failed = "Failed to invoke '%s' due to an error on the server. ";
        return Stream.of(
                arguments("too few arguments", invocation("1", "add", "[1]"), completionError("1",
                        failed.formatted("add") + "Invocation provides 1 argument(s) but target expects 2.")),
                arguments("too many arguments", invocation("1", "add", "[1,2,3]"), completionError("1",
                        failed.formatted("add") + "Invocation provides 3 argument(s) but target expects 2.")),
                arguments("a string for an int", invocation("1", "add", "[\"one\",2]"),
                        completionError("1", failed.formatted("add") + "Argument 1 is not a valid int.")),
                arguments("a fraction for an int", invocation("1", "add", "[1,2.5]"),
                        completionError("1", failed.formatted("add") + "Argument 2 is not a valid int.")),
                arguments("null for a primitive", invocation("1", "add", "[null,2]"),
                        completionError("1", failed.formatted("add") + "Argument 1 is not a valid int.")),
                arguments("a number for a string", invocation("1", "echo", "[5]"),
                        completionError("1", failed.formatted("echo") + "Argument 1 is not a valid String.")),
                arguments("an object for a list", invocation("1", "echoList", "[{\"a\":1}]"),
                        completionError("1", failed.formatted("echoList") + "Argument 1 is not a valid List.")),
                arguments("a list for an object", invocation("1", "echoPoint", "[[1,2]]"),
                        completionError("1", failed.formatted("echoPoint") + "Argument 1 is not a valid Point.")),
                arguments("an unknown method", invocation("1", "nothingHere", "[]"),
                        completionError("1", "Unknown hub method 'nothingHere'")),
                arguments("an unknown method, streamed", "{\"type\":4,\"invocationId\":\"1\",\"target\":"
                        + "\"nothingHere\",\"arguments\":[]}" + RS,
                        completionError("1", "Unknown hub method 'nothingHere'")));
    }

    @ParameterizedTest(name = "call: {0}")
    @MethodSource("refusedCalls")
    void aBadCallIsAnsweredWithAnErrorCompletionAndTheConnectionGoesOn(String kind, String input, String answer)
            throws Exception {
        try (RawWebSocket client = RawWebSocket.handshaken(hub("/test"))) {
            client.sendText(input);
            assertEquals(answer, client.nextNonPing(), kind);
            client.sendText(invocation("2", "add", "[1,1]"));
            assertEquals("{\"type\":3,\"invocationId\":\"2\",\"result\":2}", client.nextNonPing(), kind);
        }
    }

    // ---- messages ignored, as SignalR ignores them

    static Stream<Arguments> ignoredMessages() {
        return Stream.of(
                arguments("an unknown message type", "{\"type\":42,\"whatever\":1}" + RS),
                arguments("unknown properties", "{\"arguments\":[3,4],\"target\":\"add\",\"type\":1,\"extra\":{}}" + RS),
                arguments("a completion for an unknown id", "{\"type\":3,\"invocationId\":\"nope\"}" + RS),
                arguments("a completion with a result for an unknown id",
                        "{\"type\":3,\"invocationId\":\"nope\",\"result\":1}" + RS),
                arguments("a completion with an error for an unknown id",
                        "{\"type\":3,\"invocationId\":\"nope\",\"error\":\"failed\"}" + RS),
                arguments("a stream item for an unknown id", "{\"type\":2,\"invocationId\":\"nope\",\"item\":1}" + RS),
                arguments("a cancel for an unknown stream", "{\"type\":5,\"invocationId\":\"nope\"}" + RS));
    }

    @ParameterizedTest(name = "ignored: {0}")
    @MethodSource("ignoredMessages")
    void anIgnoredMessageGetsNoAnswerAndTheNextCallIsAnswered(String kind, String input) throws Exception {
        try (RawWebSocket client = RawWebSocket.handshaken(hub("/test"))) {
            client.sendText(input + invocation("2", "add", "[1,1]"));
            assertEquals("{\"type\":3,\"invocationId\":\"2\",\"result\":2}", client.nextNonPing(), kind);
        }
    }

    @Test
    void nestingOfExactly64LevelsIsRead() throws Exception {
        try (RawWebSocket client = RawWebSocket.handshaken(hub("/test"))) {
            client.sendText(invocation("1", "echoNode", "[" + nested(62) + "]"));
            assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":" + nested(62) + "}", client.nextNonPing());
        }
    }

    // ---- duplicate ids, while the first call runs

    /** On a server of its own, whose TestHub holds calls at the recorder's gate; checked by a bystander too. */
    @Nested
    class WhileAFirstCallRuns {

        private final Injector injector = Guice.createInjector();
        private final TestHub.Recorder recorder = injector.getInstance(TestHub.Recorder.class);
        private HubServer gated;
        private Bystander gatedBystander;
        private RawWebSocket client;

        @BeforeEach
        void start() throws Exception {
            gated = HubServer.builder().port(0).hub("/test", TestHub.class).injector(injector).build().start();
            gatedBystander = Bystander.join(gated, "/test");
            client = RawWebSocket.handshaken(URI.create("ws://localhost:" + gated.port() + "/test"));
        }

        @AfterEach
        void stop() throws Exception {
            recorder.gate.complete(null);
            client.close();
            try (Bystander served = gatedBystander) {
                served.assertServed();
            } finally {
                gated.close();
            }
        }

        @Test
        void aDuplicateInvocationIdRunsInTurnAsSignalRRunsIt() throws Exception {
            client.sendText(invocation("1", "waitAtGate", "[]") + invocation("1", "add", "[1,1]"));
            recorder.gate.complete(null);
            assertEquals("{\"type\":3,\"invocationId\":\"1\"}", client.nextNonPing());
            assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":2}", client.nextNonPing());
        }

        @Test
        void aDuplicateStreamIdIsRefusedWhileTheFirstStreamRuns() throws Exception {
            client.sendText("{\"type\":4,\"invocationId\":\"1\",\"target\":\"gatedStream\",\"arguments\":[]}" + RS);
            assertEquals("{\"type\":2,\"invocationId\":\"1\",\"item\":0}", client.nextNonPing());
            client.sendText("{\"type\":4,\"invocationId\":\"1\",\"target\":\"counter\",\"arguments\":[1,0]}" + RS);
            assertEquals(completionError("1", "Invocation ID '1' is already in use."), client.nextNonPing());
            recorder.gate.complete(null);
            assertEquals("{\"type\":2,\"invocationId\":\"1\",\"item\":1}", client.nextNonPing());
            assertEquals("{\"type\":3,\"invocationId\":\"1\"}", client.nextNonPing());
        }
    }

    // ---- over HTTP: POST bodies of long polling and Server-Sent Events

    static Stream<Arguments> badPostBodies() {
        return Stream.of(
                arguments("an oversized record", invocation("1", "echo", "[\"" + "x".repeat(MAX_MESSAGE) + "\"]")
                        .getBytes(StandardCharsets.UTF_8),
                        closeWith("The maximum message size of " + MAX_MESSAGE + "B was exceeded.")),
                arguments("invalid UTF-8", withInvalidUtf8(invocation("1", "echo", "[\"@\"]")),
                        closeWith("Error reading JSON: Invalid UTF-8 start byte 0xff")),
                arguments("invalid JSON", ("{\"type\":1,\"target\":" + RS).getBytes(StandardCharsets.UTF_8),
                        closeWith("Error reading JSON: Unexpected end-of-input within/between Object entries")));
    }

    @ParameterizedTest(name = "long polling POST: {0}")
    @MethodSource("badPostBodies")
    void aBadPostBodyIsAcceptedAndTheNextPollCarriesTheClose(String kind, byte[] body, String answer)
            throws Exception {
        RawHttp raw = new RawHttp(server.port(), "/test");
        String token = raw.handshaken();
        assertEquals(200, raw.post(token, body).statusCode(), kind);
        assertEquals(answer + RS, raw.poll(token).body(), kind);
        assertEquals(202, raw.delete(token).statusCode(), "the client ends it, as the clients do on a Close");
    }

    @ParameterizedTest(name = "Server-Sent Events POST: {0}")
    @MethodSource("badPostBodies")
    void aBadPostBodyEndsAnEventStreamWithTheClose(String kind, byte[] body, String answer) throws Exception {
        RawHttp raw = new RawHttp(server.port(), "/test");
        String token = raw.negotiate();
        try (EventStream stream = EventStream.open("http://localhost:" + server.port() + "/test?id=" + token)) {
            Await.next(stream.comments, "the stream to open");
            raw.post(token, JSON_HANDSHAKE);
            assertEquals("{}", stream.next());
            assertEquals(200, raw.post(token, body).statusCode(), kind);
            assertEquals(answer, stream.nextNonPing(), kind);
        }
    }

    @Test
    void aPostBodyOverTheBodyLimitIsRefusedWith413AndTheConnectionGoesOn() throws Exception {
        RawHttp raw = new RawHttp(server.port(), "/test");
        String token = raw.handshaken();
        HttpResponse<String> refused = raw.post(token, "x".repeat(2 * 1024 * 1024));
        assertEquals(413, refused.statusCode());
        assertEquals("A POST carries at most 1048576 bytes.", refused.body());
        raw.post(token, invocation("1", "add", "[1,1]"));
        assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":2}" + RS, raw.poll(token).body());
        assertEquals(202, raw.delete(token).statusCode());
    }
}
