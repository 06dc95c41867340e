package dev.switchboard.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Exact bytes written for each message type, and write-then-parse round trips. */
class JsonHubProtocolWriteTest {

    record Point(int x, int y) {
    }

    private static final String RS = "\u001e";

    private final ObjectMapper mapper = JsonMappers.signalR();
    private final JsonHubProtocol protocol = new JsonHubProtocol(mapper);

    private String write(HubMessage message) {
        Payload payload = protocol.write(message);
        assertEquals(payload.bytes().length, payload.size());
        return new String(payload.bytes(), StandardCharsets.UTF_8);
    }

    private HubMessage roundTrip(HubMessage message) throws ProtocolException {
        InputBuffer input = new InputBuffer();
        byte[] bytes = protocol.write(message).bytes();
        input.append(bytes, 0, bytes.length);
        List<HubMessage> parsed = new ArrayList<>();
        protocol.parseMessages(input, 32 * 1024, parsed::add);
        assertEquals(1, parsed.size());
        return parsed.get(0);
    }

    @Test
    void nonBlockingInvocationOmitsInvocationId() {
        assertEquals("{\"type\":1,\"target\":\"ReceiveMessage\",\"arguments\":[\"bob\",\"hi\"]}" + RS,
                write(InvocationMessage.nonBlocking("ReceiveMessage", List.of("bob", "hi"))));
    }

    @Test
    void invocationWritesTypeThenHeadersThenFieldsWithEmptyArguments() {
        InvocationMessage m = new InvocationMessage("s1", "GetMessage", List.of(), List.of("3"), Map.of("k", "v"));
        assertEquals("{\"type\":1,\"headers\":{\"k\":\"v\"},\"invocationId\":\"s1\",\"target\":\"GetMessage\","
                + "\"arguments\":[],\"streamIds\":[\"3\"]}" + RS, write(m));
    }

    @Test
    void argumentsIncludeNullsRecordsMapsListsAndBytes() {
        List<Object> arguments = Arrays.asList(null, new Point(1, 2), Map.of("a", 1), List.of(1, 2),
                new byte[] {1, 2, 3}, 1.5, true);
        assertEquals("{\"type\":1,\"target\":\"T\",\"arguments\":[null,{\"x\":1,\"y\":2},{\"a\":1},[1,2],\"AQID\","
                + "1.5,true]}" + RS, write(InvocationMessage.nonBlocking("T", arguments)));
    }

    @Test
    void instantsAreWrittenAsIsoStrings() {
        assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":\"2024-05-06T07:08:09.123Z\"}" + RS,
                write(CompletionMessage.withResult("1", Instant.parse("2024-05-06T07:08:09.123Z"))));
    }

    @Test
    void streamItems() {
        assertEquals("{\"type\":2,\"invocationId\":\"1\",\"item\":0}" + RS,
                write(new StreamItemMessage("1", 0, Map.of())));
        assertEquals("{\"type\":2,\"invocationId\":\"1\",\"item\":null}" + RS,
                write(new StreamItemMessage("1", null, null)));
    }

    @Test
    void streamItemsWithADeclaredTypeAreWrittenAsThatType() {
        JavaType points = mapper.getTypeFactory().constructType(Point.class);
        assertEquals("{\"type\":2,\"invocationId\":\"1\",\"item\":{\"x\":1,\"y\":2}}" + RS,
                write(new StreamItemMessage("1", new Point(1, 2), points, Map.of())));
        assertEquals("{\"type\":2,\"invocationId\":\"1\",\"item\":null}" + RS,
                write(new StreamItemMessage("1", null, points, Map.of())));
        JavaType instants = mapper.getTypeFactory().constructType(Instant.class);
        assertEquals("{\"type\":2,\"invocationId\":\"2\",\"item\":\"2024-05-06T07:08:09Z\"}" + RS,
                write(new StreamItemMessage("2", Instant.parse("2024-05-06T07:08:09Z"), instants, Map.of())));
    }

    @Test
    void completionWithResultNullResultErrorAndNothing() {
        assertEquals("{\"type\":3,\"invocationId\":\"0\",\"result\":42}" + RS,
                write(CompletionMessage.withResult("0", 42)));
        assertEquals("{\"type\":3,\"invocationId\":\"0\",\"result\":null}" + RS,
                write(CompletionMessage.withResult("0", null)));
        assertEquals("{\"type\":3,\"invocationId\":\"0\",\"error\":\"Unknown hub method 'Add'\"}" + RS,
                write(CompletionMessage.withError("0", "Unknown hub method 'Add'")));
        assertEquals("{\"type\":3,\"invocationId\":\"0\"}" + RS, write(CompletionMessage.empty("0")));
    }

    @Test
    void streamInvocationAndCancelInvocation() {
        assertEquals("{\"type\":4,\"invocationId\":\"1\",\"target\":\"Counter\",\"arguments\":[3,500]}" + RS,
                write(new StreamInvocationMessage("1", "Counter", List.of(3, 500), null, null)));
        assertEquals("{\"type\":5,\"invocationId\":\"1\"}" + RS, write(new CancelInvocationMessage("1", null)));
    }

    @Test
    void pingIsTheFixedRecord() {
        assertEquals("{\"type\":6}" + RS, write(PingMessage.INSTANCE));
    }

    @Test
    void closeWithAndWithoutErrorAndAllowReconnect() {
        assertEquals("{\"type\":7}" + RS, write(CloseMessage.EMPTY));
        assertEquals("{\"type\":7,\"error\":\"Connection closed with an error.\",\"allowReconnect\":true}" + RS,
                write(new CloseMessage("Connection closed with an error.", true)));
        assertEquals("{\"type\":7,\"error\":\"bye\"}" + RS, write(new CloseMessage("bye", false)));
    }

    @Test
    void ackAndSequence() {
        assertEquals("{\"type\":8,\"sequenceId\":5}" + RS, write(new AckMessage(5)));
        assertEquals("{\"type\":9,\"sequenceId\":4000000000}" + RS, write(new SequenceMessage(4_000_000_000L)));
    }

    @Test
    void controlCharactersInStringsAreEscapedSoTheOnlySeparatorIsTheLastByte() throws Exception {
        String text = "a\u001eb\nc\"d";
        byte[] bytes = protocol.write(InvocationMessage.nonBlocking("T", List.of(text))).bytes();
        for (int i = 0; i < bytes.length - 1; i++) {
            assertTrue(bytes[i] != RecordSeparator.VALUE, "raw separator at " + i);
        }
        assertEquals(RecordSeparator.VALUE, bytes[bytes.length - 1]);
        InvocationMessage parsed = (InvocationMessage) roundTrip(InvocationMessage.nonBlocking("T", List.of(text)));
        assertEquals(text, ((JsonNode) parsed.arguments().get(0)).textValue());
    }

    @Test
    void invocationRoundTrip() throws Exception {
        InvocationMessage sent = new InvocationMessage("9", "Move", List.of(new Point(3, 4), "é"), List.of("1", "2"),
                Map.of("h", "v"));
        InvocationMessage parsed = assertInstanceOf(InvocationMessage.class, roundTrip(sent));
        assertEquals("9", parsed.invocationId());
        assertEquals("Move", parsed.target());
        assertEquals(List.of(mapper.valueToTree(new Point(3, 4)), mapper.valueToTree("é")), parsed.arguments());
        assertEquals(List.of("1", "2"), parsed.streamIds());
        assertEquals(Map.of("h", "v"), parsed.headers());
    }

    @Test
    void completionRoundTripKeepsNullResultApartFromNoResult() throws Exception {
        CompletionMessage nullResult = (CompletionMessage) roundTrip(CompletionMessage.withResult("1", null));
        assertTrue(nullResult.hasResult());
        CompletionMessage empty = (CompletionMessage) roundTrip(CompletionMessage.empty("1"));
        assertFalse(empty.hasResult());
        assertNull(empty.error());
        CompletionMessage error = (CompletionMessage) roundTrip(CompletionMessage.withError("1", "boom"));
        assertEquals("boom", error.error());
    }

    @Test
    void otherMessagesRoundTrip() throws Exception {
        assertEquals(PingMessage.INSTANCE, roundTrip(PingMessage.INSTANCE));
        assertEquals(new CloseMessage("e", true), roundTrip(new CloseMessage("e", true)));
        assertEquals(new AckMessage(7), roundTrip(new AckMessage(7)));
        assertEquals(new SequenceMessage(8), roundTrip(new SequenceMessage(8)));
        assertEquals(new CancelInvocationMessage("3", Map.of("a", "b")),
                roundTrip(new CancelInvocationMessage("3", Map.of("a", "b"))));
        StreamItemMessage item = (StreamItemMessage) roundTrip(new StreamItemMessage("4", List.of(1), null));
        assertEquals("4", item.invocationId());
        assertEquals(mapper.valueToTree(List.of(1)), item.item());
        StreamInvocationMessage stream = (StreamInvocationMessage) roundTrip(
                new StreamInvocationMessage("5", "Counter", List.of(1), null, null));
        assertEquals("Counter", stream.target());
    }
}
