package dev.switchboard;

import static dev.switchboard.testing.RawWebSocket.RS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.fixtures.TestHub;
import dev.switchboard.fixtures.ValuesHub;
import dev.switchboard.testing.EventStream;
import dev.switchboard.testing.MessagePackRecords;
import dev.switchboard.testing.RawHttp;
import dev.switchboard.testing.RawWebSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The MessagePack hub protocol byte for byte over raw WebSockets, long polling and SSE: binary frames and
 * {@code application/octet-stream} bodies both ways, several records per unit, byte arrays and dates, the
 * handshake errors SignalR gives, and JSON and MessagePack connections in one group.
 */
class MessagePackWireTest {

    static final String HANDSHAKE = "{\"protocol\":\"messagepack\",\"version\":1}" + RS;
    /** {@code add(1, 2)} as invocation "1", five elements as the TypeScript client writes it. */
    private static final String ADD = "0c 95 01 80 a1 31 a3 61 64 64 92 01 02";
    private static final String ADD_RESULT = "95 03 80 a1 31 03 03";

    private HubServer server;
    private Bystander bystander;
    /** What the test's one MessagePack connection received. */
    private final MessagePackRecords received = new MessagePackRecords();

    @BeforeEach
    void start() throws Exception {
        server = HubServer.builder().port(0).hub("/test", TestHub.class).hub("/values", ValuesHub.class)
                .hub("/jsononly", TestHub.class, HubOptions.defaults().withSupportedProtocols(HubOptions.JSON))
                .build().start();
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

    private URI uri(String path) {
        return URI.create("ws://localhost:" + server.port() + path);
    }

    /** A WebSocket to {@code path} that has agreed on MessagePack. */
    private RawWebSocket handshaken(String path) throws Exception {
        RawWebSocket socket = RawWebSocket.connect(uri(path));
        socket.sendText(HANDSHAKE);
        assertEquals("{}", received.next(socket), "the reply stays JSON text, in a binary frame");
        return socket;
    }

    @Test
    void webSocketsCarryRecordsInBinaryFramesBothWays() throws Exception {
        try (RawWebSocket client = handshaken("/test")) {
            client.sendBinary(MessagePackRecords.bytes(ADD + " " + ADD.replace("a1 31", "a1 32") + " 02 91 06"));
            assertEquals(ADD_RESULT, received.next(client));
            assertEquals(ADD_RESULT.replace("a1 31", "a1 32"), received.next(client));
            assertFalse(client.frameWasText.contains(true), "no text frame for MessagePack");
        }
    }

    @Test
    void aRecordOfTheMaximumSizeWithItsLengthPrefixIsReadFromOneFrame() throws Exception {
        // echo(a string of 32,754 bytes) as "1": a body of 32,768 bytes, the maximum, behind a 3-byte VarInt
        String head = "80 80 02 95 01 80 a1 31 a4 65 63 68 6f 91 da 7f f2";
        byte[] start = MessagePackRecords.bytes(head);
        byte[] record = Arrays.copyOf(start, start.length + 32_754);
        Arrays.fill(record, start.length, record.length, (byte) 'x');
        try (RawWebSocket client = handshaken("/test")) {
            client.sendBinary(record);
            assertTrue(received.next(client).startsWith("95 03 80 a1 31 03 da 7f f2 78 78"));
        }
    }

    @Test
    void byteArraysAreBinAndInstantsTheTimestampExtension() throws Exception {
        try (RawWebSocket client = handshaken("/values")) {
            // reverse(bin [1, 2, 3]) as "1"
            client.sendBinary(MessagePackRecords.bytes("13 95 01 80 a1 31 a7 72 65 76 65 72 73 65 91 c4 03 01 02 03"));
            assertEquals("95 03 80 a1 31 03 c4 03 03 02 01", received.next(client));
            // later(2021-01-01T00:00:00Z as timestamp 32, 60) as "2"
            client.sendBinary(MessagePackRecords.bytes("13 95 01 80 a1 32 a5 6c 61 74 65 72 92 d6 ff 5f ee 66 00 3c"));
            assertEquals("95 03 80 a1 32 03 d6 ff 5f ee 66 3c", received.next(client));
        }
    }

    @Test
    void longPollingCarriesOctetStreamBodiesBothWays() throws Exception {
        RawHttp http = new RawHttp(server.port(), "/test");
        String token = http.negotiate();
        assertEquals(200, http.poll(token).statusCode());
        assertEquals(200, http.post(token, HANDSHAKE).statusCode());
        assertEquals("{}", received.next(http, token));
        assertEquals(200, http.post(token, MessagePackRecords.bytes(ADD + " " + ADD.replace("a1 31", "a1 32"))).statusCode());
        assertEquals(ADD_RESULT, received.next(http, token));
        assertEquals(ADD_RESULT.replace("a1 31", "a1 32"), received.next(http, token));
        assertEquals(202, http.delete(token).statusCode());
    }

    @Test
    void serverSentEventsRefuseMessagePackAsSignalRDoes() throws Exception {
        RawHttp http = new RawHttp(server.port(), "/test");
        String token = http.negotiate();
        try (EventStream stream = EventStream.open("http://localhost:" + server.port() + "/test?id=" + token)) {
            http.post(token, HANDSHAKE);
            assertEquals("{\"error\":\"Cannot use the 'messagepack' protocol on the current transport. The transport "
                    + "does not support 'Binary' transfer format.\"}", stream.next());
        }
    }

    @Test
    void aHubThatDoesNotSupportMessagePackRefusesIt() throws Exception {
        try (RawWebSocket client = RawWebSocket.connect(uri("/jsononly"))) {
            client.sendText(HANDSHAKE.replace("messagepack", "MessagePack"));
            assertEquals("{\"error\":\"The protocol 'MessagePack' is not supported.\"}", client.next());
        }
        try (RawWebSocket client = RawWebSocket.connect(uri("/test"))) {
            client.sendText(HANDSHAKE.replace("messagepack", "MessagePack"));
            assertEquals("{}", client.next(), "protocol names are matched ignoring case");
        }
    }

    @Test
    void negotiateListsTransferFormatsPerTransport() throws Exception {
        String body = new RawHttp(server.port(), "/test").send("POST",
                "http://localhost:" + server.port() + "/test/negotiate?negotiateVersion=1", "").body();
        assertTrue(body.contains("{\"transport\":\"WebSockets\",\"transferFormats\":[\"Text\",\"Binary\"]}"), body);
        assertTrue(body.contains("{\"transport\":\"ServerSentEvents\",\"transferFormats\":[\"Text\"]}"), body);
        assertTrue(body.contains("{\"transport\":\"LongPolling\",\"transferFormats\":[\"Text\",\"Binary\"]}"), body);
    }

    @Test
    void jsonAndMessagePackConnectionsInOneGroupGetTheSameBroadcast() throws Exception {
        try (RawWebSocket json = RawWebSocket.handshaken(uri("/test"));
             RawWebSocket binary = handshaken("/test")) {
            json.sendText("{\"type\":1,\"invocationId\":\"1\",\"target\":\"joinGroup\",\"arguments\":[\"g\"]}" + RS);
            assertEquals("{\"type\":3,\"invocationId\":\"1\"}", json.next());
            // joinGroup("g") as "1"
            binary.sendBinary(MessagePackRecords.bytes("12 95 01 80 a1 31 a9 6a 6f 69 6e 47 72 6f 75 70 91 a1 67"));
            assertEquals("94 03 80 a1 31 02", received.next(binary));
            json.sendText("{\"type\":1,\"target\":\"toGroup\",\"arguments\":[\"g\",\"hi\"]}" + RS);
            assertEquals("{\"type\":1,\"target\":\"msg\",\"arguments\":[\"hi\"]}", json.next());
            // [1, {}, nil, "msg", ["hi"], []]
            assertEquals("96 01 80 c0 a3 6d 73 67 91 a2 68 69 90", received.next(binary));
        }
    }

    @Test
    void badInputClosesWithTheReason() throws Exception {
        try (RawWebSocket client = handshaken("/test")) {
            client.sendBinary(MessagePackRecords.bytes("03 92 a1 31"));
            // [7, "Connection closed with an error. Reading 'type' as an integer failed.", true]
            String close = received.next(client);
            assertTrue(close.startsWith("93 07 "), close);
            assertTrue(new String(MessagePackRecords.bytes(close), StandardCharsets.UTF_8)
                    .contains("Reading 'type' as an integer failed."), close);
            assertTrue(close.endsWith(" c3"), close);
            assertEquals(1000, client.awaitClose());
        }
    }
}
