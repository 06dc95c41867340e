package dev.switchboard.bench.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The load generator's MessagePack records against bytes written by hand from SignalR's specification (section 7
 * of the protocol reference): what it sends, and what it makes of what a server sends.
 */
class MessagePackDialectTest {

    private static final MessagePackDialect CHAT = (MessagePackDialect) Dialect.named("messagepack");
    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    @Test
    void theHandshakeIsJsonTextNamingMessagePack() {
        assertEquals("{\"protocol\":\"messagepack\",\"version\":1}\u001e", CHAT.hello().text());
    }

    @Test
    void aPingIsItsThreeBytes() {
        assertEquals("02 91 06", hex(CHAT.ping()));
    }

    @Test
    void anInvocationIsFiveElementsWithEmptyHeaders() {
        // [1, {}, "7", "join", ["u1"]]
        assertEquals("0e 95 01 80 a1 37 a4 6a 6f 69 6e 91 a2 75 31", hex(CHAT.invoke(7, "join", "u1")));
        // [1, {}, "8", "join", []]
        assertEquals("0b 95 01 80 a1 38 a4 6a 6f 69 6e 90", hex(CHAT.invoke(8, "join", null)));
    }

    @Test
    void aSendHasANilInvocationId() {
        // [1, {}, nil, "send", ["hi"]]
        assertEquals("0d 95 01 80 c0 a4 73 65 6e 64 91 a2 68 69", hex(CHAT.send("send", "hi")));
    }

    @Test
    void theHandshakeResponseMayShareABinaryMessageWithRecords() {
        byte[] message = concat("{}\u001e".getBytes(StandardCharsets.UTF_8), bytes("02 91 06"),
                chatMessage("T5,12345,xx"));
        assertEquals(List.of("opened", "message 12345"), receive(message, false));
    }

    @Test
    void anEmptyPollBodyHoldsNothing() {
        assertEquals(List.of(), receive(new byte[0], false));
    }

    @Test
    void aMessageIsReadFromItsStampedStringArgument() {
        // What the server writes: six elements, the last the empty stream ids, and an argument without a stamp.
        byte[] unstamped = bytes("11 96 01 80 a3 78 79 7a a6 6d 65 74 68 6f 64 91 2a 90");
        assertEquals(List.of("message -1", "message 12345", "message 678"),
                receive(concat(unstamped, chatMessage("T5,12345,xx"), chatMessage("T6,678,")), true));
    }

    @Test
    void completionsAreVoidResultOrError() {
        // [3, {}, "7", 2]; [3, {}, "8", 3, "abc"]; [3, {}, "9", 1, "boom"]
        byte[] message = bytes("06 94 03 80 a1 37 02 0a 95 03 80 a1 38 03 a3 61 62 63"
                + " 0b 95 03 80 a1 39 01 a4 62 6f 6f 6d");
        assertEquals(List.of("completed 7 null", "completed 8 null", "completed 9 boom"), receive(message, true));
    }

    @Test
    void aCloseEndsTheConnection() {
        // [7, "bye"]
        assertEquals(List.of("closed Close: bye"), receive(bytes("06 92 07 a3 62 79 65"), true));
    }

    @Test
    void aHandshakeErrorEndsTheConnectionWhetherTextOrBinary() {
        String error = "{\"error\":\"The protocol 'messagepack' is not supported.\"}\u001e";
        RecordingEvents events = new RecordingEvents();
        CHAT.receive(error, events);
        assertEquals(1, events.seen.size());
        assertTrue(events.seen.get(0).startsWith("closed {\"error\""), events.seen.toString());
        List<String> binary = receive(error.getBytes(StandardCharsets.UTF_8), false);
        assertTrue(binary.get(0).startsWith("closed {\"error\""), binary.toString());
    }

    @Test
    void aRecordCutShortEndsTheConnection() {
        List<String> seen = receive(bytes("06 94 03 80 a1"), true);
        assertEquals(1, seen.size());
        assertTrue(seen.get(0).startsWith("closed A bad MessagePack record"), seen.toString());
    }

    @Test
    void lengthsOfSeveralBytesArePrefixedAndRead() {
        byte[] framed = BinaryMessageFormat.framed(new byte[5248]);
        assertEquals("80 29", HEX.formatHex(framed, 0, 2));
        assertEquals(5248, BinaryMessageFormat.length(ByteBuffer.wrap(framed)));
        assertEquals(0x35, BinaryMessageFormat.length(ByteBuffer.wrap(BinaryMessageFormat.framed(new byte[0x35]))));
    }

    @Test
    void namesCarryTheHubAsTheJsonDialectsDo() {
        assertEquals(new MessagePackDialect(new SignalRDialect()), CHAT);
        assertEquals("messagepack", CHAT.name());
        Dialect ticker = Dialect.named("messagepack:/ticker:subscribe()");
        assertEquals("messagepack:/ticker:subscribe()", ticker.name());
        assertEquals("/ticker", ticker.webSocketPath());
        assertEquals("subscribe", ticker.joinMethod());
        assertEquals(false, ticker.joinTakesNickname());
    }

    /** [1, {}, nil, "message", ["u1", text]], as the chat broadcasts it. */
    private static byte[] chatMessage(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        byte[] body = concat(bytes("95 01 80 c0 a7 6d 65 73 73 61 67 65 92 a2 75 31"),
                new byte[] {(byte) (0xa0 | utf8.length)}, utf8);
        return BinaryMessageFormat.framed(body);
    }

    private static List<String> receive(byte[] message, boolean opened) {
        RecordingEvents events = new RecordingEvents();
        CHAT.receive(ByteBuffer.wrap(message), opened, events);
        return events.seen;
    }

    private static String hex(Frame frame) {
        return HEX.formatHex(frame.bytes());
    }

    private static byte[] bytes(String hex) {
        return HEX.parseHex(hex);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            all.writeBytes(part);
        }
        return all.toByteArray();
    }
}
