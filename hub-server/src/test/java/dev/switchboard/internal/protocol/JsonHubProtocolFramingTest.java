package dev.switchboard.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Batching, partial records, malformed input and the size limit of the JSON hub protocol. */
class JsonHubProtocolFramingTest {

    private static final int MAX = 32 * 1024;
    private static final String RS = "\u001e";

    private final JsonHubProtocol protocol = new JsonHubProtocol(JsonMappers.signalR());
    private final InputBuffer input = new InputBuffer();
    private final List<HubMessage> messages = new ArrayList<>();

    private void append(byte[] bytes) {
        input.append(ByteBuffer.wrap(bytes));
    }

    private void append(String text) {
        append(text.getBytes(StandardCharsets.UTF_8));
    }

    private void parse(int maxSize) throws ProtocolException {
        protocol.parseMessages(input, maxSize, messages::add);
    }

    private ProtocolException parseFails(String text) {
        append(text);
        return assertThrows(ProtocolException.class, () -> parse(MAX));
    }

    /** An invocation record whose JSON is exactly {@code length} bytes long. */
    private static String invocationOfLength(int length) {
        String prefix = "{\"type\":1,\"target\":\"T\",\"arguments\":[\"";
        String suffix = "\"]}";
        return prefix + "x".repeat(length - prefix.length() - suffix.length()) + suffix;
    }

    @Test
    void severalRecordsInOneBufferAreAllParsedInOrder() throws Exception {
        append("{\"type\":6}" + RS + "{\"type\":1,\"target\":\"A\",\"arguments\":[]}" + RS
                + "{\"type\":1,\"target\":\"B\",\"arguments\":[]}" + RS);
        parse(MAX);
        assertEquals(3, messages.size());
        assertInstanceOf(PingMessage.class, messages.get(0));
        assertEquals("A", ((InvocationMessage) messages.get(1)).target());
        assertEquals("B", ((InvocationMessage) messages.get(2)).target());
        assertEquals(0, input.readable());
    }

    @Test
    void incompleteTailStaysInTheBufferUntilTheRestArrives() throws Exception {
        String tail = "{\"type\":1,\"target\":\"Ad";
        append("{\"type\":6}" + RS + tail);
        parse(MAX);
        assertEquals(1, messages.size());
        assertEquals(tail.length(), input.readable());

        append("d\",\"arguments\":[1]}" + RS);
        parse(MAX);
        assertEquals(2, messages.size());
        assertEquals("Add", ((InvocationMessage) messages.get(1)).target());
        assertEquals(0, input.readable());
    }

    @Test
    void recordSplitAtEveryByteIncludingInsideMultiByteCharactersIsReassembled() throws Exception {
        String text = "Grüße €\uD83D\uDE00";
        byte[] record = ("{\"type\":1,\"target\":\"Say\",\"arguments\":[\"" + text + "\"]}" + RS)
                .getBytes(StandardCharsets.UTF_8);
        for (int split = 1; split < record.length; split++) {
            InputBuffer buffer = new InputBuffer();
            List<HubMessage> parsed = new ArrayList<>();
            buffer.append(record, 0, split);
            protocol.parseMessages(buffer, MAX, parsed::add);
            assertEquals(0, parsed.size(), "nothing parsed before the separator, split at " + split);
            buffer.append(record, split, record.length - split);
            protocol.parseMessages(buffer, MAX, parsed::add);
            assertEquals(1, parsed.size(), "split at " + split);
            JsonNode argument = (JsonNode) ((InvocationMessage) parsed.get(0)).arguments().get(0);
            assertEquals(text, argument.textValue(), "split at " + split);
        }
    }

    @Test
    void escapedRecordSeparatorInsideAStringDoesNotSplitTheRecord() throws Exception {
        append("{\"type\":1,\"target\":\"T\",\"arguments\":[\"a\\u001eb\"]}" + RS);
        parse(MAX);
        assertEquals(1, messages.size());
        JsonNode argument = (JsonNode) ((InvocationMessage) messages.get(0)).arguments().get(0);
        assertEquals("a\u001eb", argument.textValue());
    }

    @Test
    void invalidJsonIsRejected() {
        ProtocolException e = parseFails("{\"type\":1,\"target\":" + RS);
        assertTrue(e.getMessage().startsWith("Error reading JSON"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1,2]", "\"text\"", "42", "null", ""})
    void recordThatIsNotAnObjectIsRejected(String json) {
        assertEquals("Expected a JSON object.", parseFails(json + RS).getMessage());
    }

    @Test
    void missingTypeIsRejected() {
        assertEquals("Missing required property 'type'.",
                parseFails("{\"target\":\"T\",\"arguments\":[]}" + RS).getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"1\"", "1.5", "true", "null", "{}"})
    void nonIntegerTypeIsRejected(String type) {
        assertEquals("Expected 'type' to be an integer.", parseFails("{\"type\":" + type + "}" + RS).getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"type":1,"arguments":[]}                        | target
            {"type":1,"target":"T"}                          | arguments
            {"type":2,"item":1}                              | invocationId
            {"type":2,"invocationId":"1"}                    | item
            {"type":3,"result":1}                            | invocationId
            {"type":4,"target":"T","arguments":[]}           | invocationId
            {"type":4,"invocationId":"1","arguments":[]}     | target
            {"type":4,"invocationId":"1","target":"T"}       | arguments
            {"type":5}                                       | invocationId
            {"type":8}                                       | sequenceId
            {"type":9}                                       | sequenceId
            """)
    void missingRequiredPropertyIsRejected(String json, String property) {
        assertEquals("Missing required property '" + property + "'.", parseFails(json + RS).getMessage());
    }

    @Test
    void argumentsThatAreNotAnArrayAreRejected() {
        assertEquals("Expected 'arguments' to be of type Array.",
                parseFails("{\"type\":1,\"target\":\"T\",\"arguments\":{\"a\":1}}" + RS).getMessage());
    }

    @Test
    void completionWithBothResultAndErrorIsRejected() {
        ProtocolException e = parseFails("{\"type\":3,\"invocationId\":\"1\",\"result\":null,\"error\":\"e\"}" + RS);
        assertEquals("The 'error' and 'result' properties are mutually exclusive.", e.getMessage());
    }

    @Test
    void nonIntegerSequenceIdIsRejected() {
        assertEquals("Expected 'sequenceId' to be an integer.",
                parseFails("{\"type\":8,\"sequenceId\":\"5\"}" + RS).getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0xFF, 0x80, 0xC3})
    void invalidUtf8IsRejected(int badByte) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write("{\"type\":1,\"target\":\"a".getBytes(StandardCharsets.UTF_8));
        bytes.write(badByte);
        bytes.write("b\",\"arguments\":[]}\u001e".getBytes(StandardCharsets.UTF_8));
        append(bytes.toByteArray());
        ProtocolException e = assertThrows(ProtocolException.class, () -> parse(MAX));
        assertTrue(e.getMessage().startsWith("Error reading JSON"), e.getMessage());
    }

    @Test
    void completeRecordLongerThanTheLimitIsRejected() {
        append(invocationOfLength(101) + RS);
        ProtocolException e = assertThrows(ProtocolException.class, () -> parse(100));
        assertTrue(e.getMessage().contains("maximum message size"), e.getMessage());
    }

    @Test
    void incompleteTailLongerThanTheLimitIsRejectedBeforeItEnds() throws Exception {
        append("{\"type\":6}" + RS + invocationOfLength(101));
        ProtocolException e = assertThrows(ProtocolException.class, () -> parse(100));
        assertTrue(e.getMessage().contains("maximum message size"), e.getMessage());
        assertEquals(1, messages.size(), "the whole record before the oversized tail was still delivered");
    }

    @Test
    void recordOfExactlyTheLimitIsAccepted() throws Exception {
        String record = invocationOfLength(100);
        assertEquals(100, record.length());
        append(record);
        parse(100);
        assertEquals(0, messages.size());
        append(RS);
        parse(100);
        assertEquals(1, messages.size());
    }
}
