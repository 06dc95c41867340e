package dev.switchboard.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Each message type both ways, byte for byte against the examples of SignalR's HubProtocol.md (MessagePack
 * section), payload values bound by the hub's mapper as in JSON, and the malformed records it refuses.
 */
class MessagePackHubProtocolTest {

    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    private final ObjectMapper mapper = JsonMappers.signalR();
    private final MessagePackHubProtocol protocol = new MessagePackHubProtocol(mapper);

    /** Bodies as hex, each given its length prefix. */
    private List<HubMessage> parse(String... bodies) throws ProtocolException {
        return parseBytes(records(bodies));
    }

    private List<HubMessage> parseBytes(byte[] bytes) throws ProtocolException {
        InputBuffer input = new InputBuffer();
        input.append(bytes, 0, bytes.length);
        List<HubMessage> messages = new ArrayList<>();
        protocol.parseMessages(input, 32 * 1024, messages::add);
        assertEquals(0, input.readable(), "every whole record is consumed");
        return messages;
    }

    private static byte[] records(String... bodies) {
        List<byte[]> parts = new ArrayList<>();
        int total = 0;
        for (String body : bodies) {
            byte[] record = LengthPrefix.prefix(HEX.parseHex(body));
            parts.add(record);
            total += record.length;
        }
        byte[] all = new byte[total];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    private <T extends HubMessage> T parseOne(String body, Class<T> type) throws ProtocolException {
        List<HubMessage> messages = parse(body);
        assertEquals(1, messages.size());
        return assertInstanceOf(type, messages.get(0));
    }

    private String written(HubMessage message) {
        return HEX.formatHex(protocol.write(message).bytes());
    }

    private void assertRefused(String hex, String reason) {
        String message = assertThrows(ProtocolException.class, () -> parseBytes(HEX.parseHex(hex))).getMessage();
        assertTrue(message.contains(reason), hex + " was refused with: " + message);
    }

    @Test
    void describesItselfAsMessagePackVersion2OverBinary() {
        assertEquals("messagepack", protocol.name());
        assertEquals(2, protocol.version());
        assertEquals(TransferFormat.BINARY, protocol.transferFormat());
    }

    @Test
    void invocationOfFiveElementsAsTheTypeScriptClientWritesIt() throws Exception {
        InvocationMessage m = parseOne("95 01 80 a3 78 79 7a a6 6d 65 74 68 6f 64 91 2a", InvocationMessage.class);
        assertEquals("xyz", m.invocationId());
        assertEquals("method", m.target());
        assertEquals(42, ((JsonNode) m.arguments().get(0)).intValue());
        assertEquals(List.of(), m.streamIds());
        assertEquals(Map.of(), m.headers());
    }

    @Test
    void nonBlockingInvocationWithHeadersAndStreamIds() throws Exception {
        // [1, {"Foo":"Bar"}, nil, "method", [42, "string"], ["1"]]
        InvocationMessage m = parseOne("96 01 81 a3 46 6f 6f a3 42 61 72 c0 a6 6d 65 74 68 6f 64 92 2a a6 73 74 72 69 6e"
                + " 67 91 a1 31", InvocationMessage.class);
        assertNull(m.invocationId());
        assertEquals(Map.of("Foo", "Bar"), m.headers());
        assertEquals("string", ((JsonNode) m.arguments().get(1)).textValue());
        assertEquals(List.of("1"), m.streamIds());
    }

    @Test
    void emptyInvocationIdIsNonBlocking() throws Exception {
        assertNull(parseOne("95 01 80 a0 a1 6d 90", InvocationMessage.class).invocationId());
    }

    @Test
    void streamItemCompletionsCancelPingCloseAckSequence() throws Exception {
        List<HubMessage> messages = parse(
                "94 02 80 a3 78 79 7a 2a",                  // StreamItem xyz 42
                "95 03 80 a3 78 79 7a 01 a5 45 72 72 6f 72", // Completion error "Error"
                "94 03 80 a3 78 79 7a 02",                  // void Completion
                "95 03 80 a3 78 79 7a 03 c0",               // Completion with a null result
                "96 04 80 a3 78 79 7a a6 6d 65 74 68 6f 64 90 90", // StreamInvocation
                "93 05 80 a3 78 79 7a",                     // CancelInvocation
                "91 06",                                    // Ping
                "92 07 c0",                                 // Close as the TypeScript client writes it
                "93 07 a3 42 61 64 c3",                     // Close with error and allowReconnect
                "92 08 cd 01 00",                           // Ack 256
                "92 09 01");                                // Sequence 1
        assertEquals(42, ((JsonNode) assertInstanceOf(StreamItemMessage.class, messages.get(0)).item()).intValue());
        assertEquals("Error", ((CompletionMessage) messages.get(1)).error());
        assertFalse(((CompletionMessage) messages.get(2)).hasResult());
        CompletionMessage withNull = (CompletionMessage) messages.get(3);
        assertTrue(withNull.hasResult());
        assertTrue(((JsonNode) withNull.result()).isNull());
        assertEquals("method", assertInstanceOf(StreamInvocationMessage.class, messages.get(4)).target());
        assertEquals("xyz", assertInstanceOf(CancelInvocationMessage.class, messages.get(5)).invocationId());
        assertSame(PingMessage.INSTANCE, messages.get(6));
        assertEquals(CloseMessage.EMPTY, messages.get(7));
        assertEquals(new CloseMessage("Bad", true), messages.get(8));
        assertEquals(new AckMessage(256), messages.get(9));
        assertEquals(new SequenceMessage(1), messages.get(10));
    }

    /** Every example of HubProtocol.md's MessagePack section, read, and written back where a server writes it. */
    @Test
    void theExamplesOfTheSpecification() throws Exception {
        String[] examples = {
                "96 01 80 a3 78 79 7a a6 6d 65 74 68 6f 64 91 2a 90",
                "96 01 80 c0 a6 6d 65 74 68 6f 64 91 2a 90",
                "96 04 80 a3 78 79 7a a6 6d 65 74 68 6f 64 91 2a 90",
                "94 02 80 a3 78 79 7a 2a",
                "95 03 80 a3 78 79 7a 01 a5 45 72 72 6f 72",
                "94 03 80 a3 78 79 7a 02",
                "95 03 80 a3 78 79 7a 03 2a",
                "93 05 80 a3 78 79 7a",
                "91 06",
                "93 07 a3 78 79 7a c3"};
        List<HubMessage> messages = parse(examples);
        for (int i = 0; i < examples.length; i++) {
            assertEquals(examples[i], written(messages.get(i)).substring(3), "example " + i);
        }
        assertEquals(new CloseMessage("xyz", false), parseOne("92 07 a3 78 79 7a", CloseMessage.class));
        assertEquals(new AckMessage(36), parseOne("92 08 cc 24", AckMessage.class));
        assertEquals(new SequenceMessage(19), parseOne("92 09 cc 13", SequenceMessage.class));
        InvocationMessage withHeaders = parseOne("96 01 82 a1 78 a1 79 a1 7a a1 7a a3 78 79 7a a6 6d 65 74 68 6f 64 91"
                + " 2a 90", InvocationMessage.class);
        assertEquals(Map.of("x", "y", "z", "z"), withHeaders.headers());
        byte[] withLongPrefix = protocol.write(CompletionMessage.withResult("x", "y".repeat(5239))).bytes();
        assertEquals("80 29", HEX.formatHex(withLongPrefix, 0, 2), "5248 as a VarInt");
    }

    @Test
    void unknownTypesAndExtraElementsAreSkipped() throws Exception {
        List<HubMessage> messages = parse("93 63 80 a1 78", "92 06 2a", "91 06");
        assertEquals(List.of(PingMessage.INSTANCE, PingMessage.INSTANCE), messages);
    }

    @Test
    void recordsArriveInPieces() throws Exception {
        byte[] bytes = records("91 06", "94 03 80 a3 78 79 7a 02");
        InputBuffer input = new InputBuffer();
        List<HubMessage> messages = new ArrayList<>();
        for (byte b : bytes) {
            input.append(new byte[] {b}, 0, 1);
            protocol.parseMessages(input, 32 * 1024, messages::add);
        }
        assertEquals(2, messages.size());
        assertEquals(0, input.readable());
    }

    @Test
    void writesAsTheDotNetServerDoes() {
        assertEquals("02 91 06", written(PingMessage.INSTANCE));
        assertEquals("08 94 03 80 a3 78 79 7a 02", written(CompletionMessage.empty("xyz")));
        assertEquals("11 96 01 80 a3 78 79 7a a6 6d 65 74 68 6f 64 91 2a 90",
                written(new InvocationMessage("xyz", "method", List.of(42), List.of(), Map.of())));
        assertEquals("0d 96 01 80 c0 a6 6d 65 74 68 6f 64 90 90", written(InvocationMessage.nonBlocking("method", List.of())));
        assertEquals("0e 95 03 80 a3 78 79 7a 01 a5 45 72 72 6f 72", written(CompletionMessage.withError("xyz", "Error")));
        assertEquals("09 95 03 80 a3 78 79 7a 03 2a", written(CompletionMessage.withResult("xyz", 42)));
        assertEquals("08 94 02 80 a3 78 79 7a c0", written(new StreamItemMessage("xyz", null, Map.of())));
        assertEquals("09 93 05 81 a1 61 a1 62 a1 78",
                written(new CancelInvocationMessage("x", Map.of("a", "b"))));
        assertEquals("04 93 07 c0 c2", written(CloseMessage.EMPTY));
        assertEquals("07 93 07 a3 42 61 64 c3", written(new CloseMessage("Bad", true)));
        assertEquals("05 92 08 cd 01 00", written(new AckMessage(256)));
        assertEquals("03 92 09 01", written(new SequenceMessage(1)));
    }

    @Test
    void lengthPrefixOfSeveralBytes() throws Exception {
        String big = "x".repeat(5000);
        byte[] record = protocol.write(CompletionMessage.withResult("1", big)).bytes();
        assertEquals(record.length - 2, (record[0] & 0x7F) | (record[1] & 0x7F) << 7, "a two-byte VarInt");
        assertTrue(record[0] < 0 && record[1] > 0);
        CompletionMessage back = (CompletionMessage) parseBytes(record).get(0);
        assertEquals(big, ((JsonNode) back.result()).textValue());
    }

    record Point(int x, int y) {
    }

    enum Colour { RED }

    @Test
    void valuesRoundTripWithTheHubMappersRules() throws Exception {
        OffsetDateTime when = OffsetDateTime.of(2024, 5, 6, 7, 8, 9, 123_000_000, ZoneOffset.ofHours(2));
        byte[] record = protocol.write(InvocationMessage.nonBlocking("m", List.of(new byte[] {1, 2, 3},
                new Point(1, 2), Colour.RED, when, 1.5, List.of("a")))).bytes();
        InvocationMessage back = (InvocationMessage) parseBytes(record).get(0);
        List<?> args = back.arguments();
        assertTrue(((JsonNode) args.get(0)).isBinary(), "byte arrays travel as bin");
        assertArrayEquals(new byte[] {1, 2, 3}, mapper.readerFor(byte[].class).readValue((JsonNode) args.get(0)));
        assertEquals(new Point(1, 2), mapper.readerFor(Point.class).readValue((JsonNode) args.get(1)));
        assertEquals(Colour.RED, mapper.readerFor(Colour.class).readValue((JsonNode) args.get(2)));
        assertEquals(when.toInstant(), mapper.readerFor(Instant.class).readValue((JsonNode) args.get(3)));
        assertEquals(when.toInstant(), mapper.readerFor(OffsetDateTime.class)
                .<OffsetDateTime>readValue((JsonNode) args.get(3)).toInstant());
        assertEquals(1.5, ((JsonNode) args.get(4)).doubleValue());
        assertEquals(List.of("a"), mapper.readerFor(List.class).readValue((JsonNode) args.get(5)));
    }

    record Named(String firstName, Money balance) {
    }

    record Money(long cents) {
    }

    @Test
    void theHubMappersOwnSettingsAndModulesApply() throws Exception {
        ObjectMapper custom = JsonMappers.signalR().registerModule(new SimpleModule()
                        .addSerializer(Money.class, ToStringSerializer.instance)
                        .addDeserializer(Money.class, new StdDeserializer<>(Money.class) {
                            @Override
                            public Money deserialize(JsonParser parser, DeserializationContext context)
                                    throws IOException {
                                return new Money(Long.parseLong(parser.getText().replaceAll("\\D", "")));
                            }
                        }))
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        MessagePackHubProtocol customized = new MessagePackHubProtocol(custom);
        byte[] record = customized.write(CompletionMessage.withResult("1", new Named("Ada", new Money(36)))).bytes();
        // {"first_name": "Ada", "balance": "Money[cents=36]"}
        String body = HEX.formatHex(record, 1, record.length);
        assertTrue(body.startsWith("95 03 80 a1 31 03 82 aa 66 69 72 73 74 5f 6e 61 6d 65 a3 41 64 61 a7 62 61 6c 61 6e"
                + " 63 65 af"), body);
        InputBuffer input = new InputBuffer();
        input.append(record, 0, record.length);
        List<HubMessage> back = new ArrayList<>();
        customized.parseMessages(input, 1024, back::add);
        assertEquals(new Named("Ada", new Money(36)),
                custom.readerFor(Named.class).readValue((JsonNode) ((CompletionMessage) back.get(0)).result()));
    }

    @Test
    void datesAreTheTimestampExtension() {
        // 2021-01-01T00:00:00Z as timestamp 32: fixext 4 (d6), type -1 (ff), seconds 0x5fee6600
        Instant instant = Instant.parse("2021-01-01T00:00:00Z");
        for (Object date : List.of(instant, instant.atOffset(ZoneOffset.ofHours(1)),
                instant.atZone(ZoneId.of("Europe/Paris")), Date.from(instant))) {
            assertEquals("0e 96 01 80 c0 a1 6d 91 d6 ff 5f ee 66 00 90",
                    written(InvocationMessage.nonBlocking("m", List.of(date))), date.getClass().getSimpleName());
        }
        assertEquals("13 96 01 80 c0 a1 6d 91 aa 32 30 32 31 2d 30 31 2d 30 31 90",
                written(InvocationMessage.nonBlocking("m", List.of(LocalDate.of(2021, 1, 1)))),
                "a date without a time zone is ISO-8601 text, as in JSON");
    }

    @Test
    void timestampsOfEachSizeBindAsInstants() throws Exception {
        for (String ts : List.of("d6 ff 5f ee 66 00", "d7 ff 00 00 00 04 5f ee 66 00", "c7 0c ff 00 00 00 01 00 00 00 00 5f ee 66 00")) {
            InvocationMessage m = parseOne("95 01 80 c0 a1 6d 91 " + ts, InvocationMessage.class);
            Instant instant = mapper.readerFor(Instant.class).readValue((JsonNode) m.arguments().get(0));
            assertEquals(Instant.parse("2021-01-01T00:00:00Z").getEpochSecond(), instant.getEpochSecond(), ts);
        }
    }

    @Test
    void malformedRecordsAreRefusedWithAReason() {
        assertRefused("ff ff ff ff ff 01", "longer than 5 bytes");
        assertRefused("ff ff ff ff 7f", "2GB");
        assertRefused("81 80 02 91 06", "maximum message size of 32768B");
        assertRefused("02 81 06", "must be a MessagePack array");
        assertRefused("00", "MessagePack");
        assertRefused("01 90", "'type'");
        assertRefused("02 91 a1", "MessagePack");
        assertRefused("03 92 a1 31", "'type' as an integer");
        assertRefused("05 94 01 80 c0 01", "'target' as String");
        assertRefused("06 94 01 80 c0 a1 6d", "no 'arguments'");
        assertRefused("07 95 01 90 c0 a1 6d 90", "'headers'");
        assertRefused("07 95 01 81 a1 61 01 c0", "header 'a'");
        assertRefused("07 95 01 80 c0 a1 6d 2a", "'arguments' as an array");
        assertRefused("09 96 01 80 c0 a1 6d 90 91 01", "'streamIds'");
        assertRefused("06 94 03 80 a1 78 07", "result kind 7");
        assertRefused("06 94 03 80 a1 78 01", "no 'error'");
        assertRefused("04 93 07 c0 2a", "'allowReconnect' as Boolean");
        assertRefused("03 92 08 a1", "MessagePack");
        assertRefused("02 91 c1", "MessagePack");
        assertEquals(List.of(), assertDoesNotThrow(() -> parse("91 cf 00 00 00 01 00 00 00 01")),
                "a type beyond int is unknown, not type 1");
    }

    /** Valid records with bytes changed at random (fixed seed): each parses or is refused, nothing else. */
    @Test
    void mutatedRecordsParseOrAreRefused() {
        byte[][] valid = {
                protocol.write(new InvocationMessage("1", "m", List.of(new byte[] {1}, Map.of("k", List.of(1.5, "x")),
                        Instant.EPOCH), List.of("2"), Map.of("h", "v"))).bytes(),
                protocol.write(CompletionMessage.withResult("1", new Point(1, 2))).bytes(),
                protocol.write(new CloseMessage("bye", true)).bytes(),
                HEX.parseHex("0c 95 01 80 c0 a1 6d 91 d6 ff 5f ee 66 00")};
        Random random = new Random(19);
        for (int i = 0; i < 50_000; i++) {
            byte[] record = valid[i % valid.length].clone();
            for (int changes = 1 + random.nextInt(3); changes > 0; changes--) {
                record[random.nextInt(record.length)] = (byte) random.nextInt(256);
            }
            InputBuffer input = new InputBuffer();
            input.append(record, 0, record.length);
            try {
                protocol.parseMessages(input, 32 * 1024, message -> { });
            } catch (ProtocolException expected) {
                assertTrue(expected.getMessage() != null && !expected.getMessage().isBlank());
            } catch (RuntimeException e) {
                throw new AssertionError("Mutant " + HEX.formatHex(record) + " threw " + e, e);
            }
        }
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "91 ".repeat(100) + "c0";
        byte[] body = HEX.parseHex("95 01 80 c0 a1 6d 91 " + deep);
        ProtocolException e = assertThrows(ProtocolException.class, () -> parseBytes(LengthPrefix.prefix(body)));
        assertTrue(e.getMessage().contains("nested"), e.getMessage());
    }
}
