package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.switchboard.fixtures.TestHub;
import dev.switchboard.internal.protocol.HubProtocols;
import dev.switchboard.soak.HeapAndThreads;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.RawWebSocket;
import dev.switchboard.testing.StalledClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.ThrowingConsumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * WebSocket frames no client library sends, over raw sockets to a real server: the frame guard fails them with
 * the RFC 6455 status before Tyrus sees them, memory stays bounded whatever the client sends or leaves unread,
 * each bad connection logs one line, and the server's close frame follows its last message at once. After every
 * case a {@link Bystander} still gets its answers.
 */
class WebSocketAbuseTest {

    private static final int MAX_MESSAGE = HubOptions.defaults().maximumReceiveMessageSize();
    /** One byte more than a record of the maximum size with the most framing a protocol adds. */
    private static final int OVER_MAXIMUM = MAX_MESSAGE + HubProtocols.MAX_FRAMING_BYTES + 1;
    private static final long HEAP_GROWTH_BOUND = 2L * 1024 * 1024;
    private static final long FRAGMENTS_TOTAL = 64L * 1024 * 1024;
    private static final int FRAGMENT = 4096;
    private static final int PINGS = 1_000_000;
    private static final int PINGS_PER_WRITE = 1000;
    private static final byte[] PING_RECORD = ("{\"type\":6}" + RawWebSocket.RS).getBytes(StandardCharsets.UTF_8);
    private static HubServer server;
    @RegisterExtension
    final Bystander.EachTest bystander = new Bystander.EachTest(() -> server, "/test");

    @BeforeAll
    static void start() throws Exception {
        // /roomy lets 16 MiB wait for a client: more than the kernel's buffers on loopback hold, so that some waits
        // in Grizzly's queue.
        server = HubServer.builder().port(0).hub("/test", TestHub.class)
                .hub("/roomy", TestHub.class, HubOptions.defaults().withMaximumSendBufferSize(16 << 20))
                .build().start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static StalledClient connect() throws IOException {
        return StalledClient.connect(server.port(), "/test");
    }

    /** The heap after collection once the connections of earlier tests are gone: only the bystander's is left. */
    private static long heapBaseline() {
        Await.until(() -> server.connectionCount() == 1, "only the bystander to be connected");
        return HeapAndThreads.heapAfterGc();
    }

    // ---- memory

    @Test
    void fragmentsAreRefusedWith1009OnceTheirSumPassesTheMaximumAndNeverAssembled() throws Exception {
        long before = heapBaseline();
        long sent = 0;
        try (StalledClient client = connect()) {
            byte[] fragment = new byte[FRAGMENT];
            try {
                client.sendFrame(0x01, fragment);
                for (sent = FRAGMENT; sent < FRAGMENTS_TOTAL; sent += FRAGMENT) {
                    client.sendFrame(0x00, fragment);
                }
            } catch (IOException e) {
                // The server closed the socket; its close frame waits to be read.
            }
            long growth = HeapAndThreads.heapAfterGc() - before;
            System.out.printf("Fragments: %d bytes sent, heap after GC grew by %d bytes%n", sent, growth);
            assertTrue(growth < HEAP_GROWTH_BOUND, "heap grew by " + growth + " bytes");
            assertTrue(sent < FRAGMENTS_TOTAL, "the server took all " + sent + " bytes of fragments");
            assertEquals(1009, client.closeCode());
        }
    }

    @Test
    void pingsFromAClientThatNeverReadsPileNothingUp() throws Exception {
        long before = heapBaseline();
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        for (int i = 0; i < PINGS_PER_WRITE; i++) {
            batch.write(StalledClient.masked(0x89, new byte[125]));
        }
        byte[] pings = batch.toByteArray();
        int sent = 0;
        try (StalledClient client = connect()) {
            try {
                for (; sent < PINGS; sent += PINGS_PER_WRITE) {
                    client.sendRaw(pings);
                }
            } catch (IOException e) {
                // The server stopped taking them; what it took is what counts.
            }
            long growth = HeapAndThreads.heapAfterGc() - before;
            System.out.printf("Pings: %d sent, never read; heap after GC grew by %d bytes%n", sent, growth);
            assertTrue(growth < HEAP_GROWTH_BOUND, "heap grew by " + growth + " bytes");
            assertTrue(sent > 0, "the server took no ping at all");
        }
    }

    @Test
    void aPingIsAnsweredWithItsPayloadAndTheConnectionGoesOn() throws Exception {
        try (RawWebSocket client = RawWebSocket.handshaken(URI.create("ws://localhost:" + server.port() + "/test"))) {
            byte[] payload = "are you there".getBytes(StandardCharsets.UTF_8);
            client.sendPing(payload);
            ByteBuffer pong = Await.next(client.pongs, "the pong");
            byte[] answered = new byte[pong.remaining()];
            pong.get(answered);
            assertArrayEquals(payload, answered);
            client.sendText(BadFrameCorpusTest.invocation("1", "add", "[1,2]"));
            assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":3}", client.nextNonPing());
        }
    }

    @Test
    void aRecordOfTheMaximumSizeWithItsSeparatorIsReadFromOneFrame() throws Exception {
        String empty = BadFrameCorpusTest.invocation("1", "echo", "[\"\"]");
        String padding = "x".repeat(MAX_MESSAGE - (empty.length() - 1));
        String record = BadFrameCorpusTest.invocation("1", "echo", "[\"" + padding + "\"]");
        assertEquals(MAX_MESSAGE + 1, record.length(), "the record and its separator");
        try (RawWebSocket client = RawWebSocket.handshaken(URI.create("ws://localhost:" + server.port() + "/test"))) {
            client.sendText(record);
            assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":\"" + padding + "\"}", client.nextNonPing());
        }
    }

    @Test
    void aFrameSentOneByteAtATimeIsReadWhole() throws Exception {
        try (StalledClient client = connect()) {
            byte[] frame = StalledClient.masked(0x81, BadFrameCorpusTest.invocation("1", "add", "[20,22]")
                    .getBytes(StandardCharsets.UTF_8));
            for (byte part : frame) {
                client.sendRaw(new byte[] {part});
            }
            assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":42}" + RawWebSocket.RS, client.nextText());
        }
    }

    // ---- frames the guard fails

    static Stream<Arguments> badFrames() {
        return Stream.of(
                arguments("an unmasked frame", send(c -> c.sendRaw(unmasked(0x81, PING_RECORD))), 1002),
                arguments("reserved bit 1", frame(0xC1, PING_RECORD), 1002),
                arguments("reserved bit 2", frame(0xA1, PING_RECORD), 1002),
                arguments("reserved bit 3", frame(0x91, PING_RECORD), 1002),
                arguments("opcode 3", frame(0x83, PING_RECORD), 1002),
                arguments("opcode 7", frame(0x87, PING_RECORD), 1002),
                arguments("opcode 11", frame(0x8B, PING_RECORD), 1002),
                arguments("opcode 15", frame(0x8F, PING_RECORD), 1002),
                arguments("a fragmented ping", frame(0x09, new byte[4]), 1002),
                arguments("a ping of 126 bytes", frame(0x89, new byte[126]), 1002),
                arguments("a close frame of 126 bytes", frame(0x88, new byte[126]), 1002),
                arguments("a continuation with nothing to continue", frame(0x80, PING_RECORD), 1002),
                arguments("a new message inside a fragmented one",
                        send(c -> c.sendFrame(0x01, new byte[10]), c -> c.sendFrame(0x81, PING_RECORD)), 1002),
                arguments("a 64-bit length with its top bit set",
                        send(c -> c.sendRaw(new byte[] {(byte) 0x82, (byte) 0xFF, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0})),
                        1009),
                arguments("a 2 MB frame", frame(0x82, new byte[2 * 1024 * 1024]), 1009),
                arguments("one byte over the maximum with its framing", frame(0x81, new byte[OVER_MAXIMUM]), 1009),
                arguments("two fragments over the maximum", send(c -> c.sendFrame(0x01, new byte[MAX_MESSAGE / 2]),
                        c -> c.sendFrame(0x80, new byte[OVER_MAXIMUM - MAX_MESSAGE / 2])), 1009),
                arguments("a header cut into single bytes", send(WebSocketAbuseTest::oversizeHeaderByteByByte), 1009));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFrames")
    void aBadFrameIsAnsweredWithItsCloseCode(String kind, ThrowingConsumer<StalledClient> input, int code)
            throws Throwable {
        try (StalledClient client = connect()) {
            input.accept(client);
            assertEquals(code, client.closeCode(), kind);
        }
    }

    @Test
    void aBadFrameLogsOneLineWithoutAStackTrace() throws Throwable {
        List<String> logged;
        try (ServerFailures logs = new ServerFailures(); StalledClient client = connect()) {
            send(c -> c.sendRaw(unmasked(0x81, PING_RECORD)), c -> c.sendRaw(unmasked(0x81, PING_RECORD)))
                    .accept(client);
            assertEquals(1002, client.closeCode());
            Await.until(() -> server.connectionCount() == 1, "only the bystander to be connected");
            logged = List.copyOf(logs.logged);
        }
        assertEquals(1, logged.size(), "lines logged: " + logged);
        assertTrue(logged.get(0).contains("WebSocketFrameGuard - WebSocket from ")
                && logged.get(0).endsWith("failed with 1002: Client frames must be masked"), logged.get(0));
    }

    // ---- frames Tyrus answers, past the guard

    static Stream<Arguments> framesTyrusRefuses() {
        return Stream.of(
                arguments("invalid UTF-8 in a text frame", 0x81, new byte[] {'{', (byte) 0xFF, '}', 0x1e}, 1007),
                arguments("a close frame of one byte", 0x88, new byte[] {3}, 1002),
                arguments("a close frame with code 999", 0x88, new byte[] {3, (byte) 0xE7}, 1002),
                arguments("a close reason of invalid UTF-8", 0x88, new byte[] {3, (byte) 0xE8, (byte) 0xFF}, 1007));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("framesTyrusRefuses")
    void aFrameTyrusRefusesLogsNoStackTrace(String kind, int firstByte, byte[] payload, int code) throws Throwable {
        List<String> logged;
        try (ServerFailures logs = new ServerFailures(); StalledClient client = connect()) {
            client.sendFrame(firstByte, payload);
            assertEquals(code, client.closeCode(), kind);
            Await.until(() -> server.connectionCount() == 1, "only the bystander to be connected");
            logged = List.copyOf(logs.logged);
        }
        // Tyrus reports these at FINE: nothing at all at the levels tests and a default set-up log.
        assertEquals(List.of(), logged, kind);
    }

    /** What Tyrus still logs with a stack trace, should a frame ever reach it that it cannot handle. */
    @Test
    void tyrusErrorsWithAStackTraceBecomeOneEscapedLine() {
        List<String> logged;
        try (ServerFailures logs = new ServerFailures()) {
            Logger.getLogger("org.glassfish.tyrus.core.TyrusEndpointWrapper").log(Level.WARNING,
                    "Unexpected error, closing connection.", new IllegalArgumentException("Buffer overflow.\nforged"));
            logged = List.copyOf(logs.logged);
        }
        assertEquals(List.of("JUL INFO org.glassfish.tyrus.core.TyrusEndpointWrapper: Unexpected error, closing "
                + "connection. java.lang.IllegalArgumentException: Buffer overflow.\\nforged"), logged);
    }

    // ---- the closing handshake

    @Test
    void aClientThatSendsCloseAndReadsNoMoreIsCutAfterTheBound() throws Exception {
        try (StalledClient client = StalledClient.connect(server.port(), "/roomy")) {
            String text = "x".repeat(30_000);
            // Replies pile up behind the client's small receive buffer, under the connection's send bound.
            for (int i = 0; i < 300; i++) {
                client.send("{\"type\":1,\"invocationId\":\"" + i + "\",\"target\":\"echo\",\"arguments\":[\""
                        + text + "\"]}" + RawWebSocket.RS);
            }
            client.sendFrame(0x88, new byte[] {0x03, (byte) 0xE8});
            Await.until(client::writeFails, "the socket of a client that sent Close and reads no more to be cut");
        }
    }

    @Test
    void afterAHandshakeErrorTheServersCloseFrameComesAtOnceAndASilentClientIsCut() throws Exception {
        try (StalledClient client = StalledClient.upgraded(server.port(), "/test")) {
            client.send("{\"protocol\":\"xml\",\"version\":1}" + RawWebSocket.RS);
            StalledClient.WebSocketEnding ending = client.readToCloseFrame();
            assertEquals("{\"error\":\"The protocol 'xml' is not supported.\"}" + RawWebSocket.RS, ending.lastText());
            assertEquals(1000, ending.closeCode());
            assertTrue(client.droppedByServer(), "the server cut the client that never answered its close frame");
        }
    }

    @Test
    void theServersCloseFrameFollowsItsCloseMessageAndTheClientsAnswerEndsTheSocket() throws Exception {
        try (StalledClient client = connect()) {
            client.send("{\"type\":7}" + RawWebSocket.RS);
            StalledClient.WebSocketEnding ending = client.readToCloseFrame();
            assertEquals("{\"type\":7}" + RawWebSocket.RS, ending.lastText());
            assertEquals(1000, ending.closeCode());
            client.sendFrame(0x88, new byte[] {3, (byte) 0xE8});
            assertTrue(client.droppedByServer(), "the server closed the socket");
        }
    }

    // ---- frame builders

    private static ThrowingConsumer<StalledClient> frame(int firstByte, byte[] payload) {
        return send(client -> client.sendFrame(firstByte, payload));
    }

    /**
     * Input for a client whose socket the server may close before it is all written: what counts is the close
     * frame, read afterwards.
     */
    @SafeVarargs
    private static ThrowingConsumer<StalledClient> send(ThrowingConsumer<StalledClient>... steps) {
        return client -> {
            try {
                for (ThrowingConsumer<StalledClient> step : steps) {
                    step.accept(client);
                }
            } catch (IOException e) {
                // Closed by the server part way.
            }
        };
    }

    /** A 16-bit length just over the maximum, in one write per byte: the guard reads headers across reads. */
    private static void oversizeHeaderByteByByte(StalledClient client) throws IOException {
        int length = OVER_MAXIMUM;
        byte[] header = {(byte) 0x82, (byte) (0x80 | 126), (byte) (length >>> 8), (byte) length};
        for (byte part : header) {
            client.sendRaw(new byte[] {part});
        }
    }

    private static byte[] unmasked(int firstByte, byte[] payload) {
        byte[] frame = new byte[2 + payload.length];
        frame[0] = (byte) firstByte;
        frame[1] = (byte) payload.length;
        System.arraycopy(payload, 0, frame, 2, payload.length);
        return frame;
    }
}
