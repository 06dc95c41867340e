package dev.switchboard.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing each message type of the reference (§5), with optional fields, any order, unknown content. */
class JsonHubProtocolTest {

    private final JsonHubProtocol protocol = new JsonHubProtocol(JsonMappers.signalR());

    private List<HubMessage> parse(String... records) throws ProtocolException {
        InputBuffer input = new InputBuffer();
        byte[] bytes = (String.join("\u001e", records) + "\u001e").getBytes(StandardCharsets.UTF_8);
        input.append(bytes, 0, bytes.length);
        List<HubMessage> messages = new ArrayList<>();
        protocol.parseMessages(input, 32 * 1024, messages::add);
        assertEquals(0, input.readable(), "every whole record is consumed");
        return messages;
    }

    private <T extends HubMessage> T parseOne(String record, Class<T> type) throws ProtocolException {
        List<HubMessage> messages = parse(record);
        assertEquals(1, messages.size());
        return assertInstanceOf(type, messages.get(0));
    }

    private static JsonNode arg(List<?> arguments, int index) {
        return assertInstanceOf(JsonNode.class, arguments.get(index));
    }

    @Test
    void protocolDescribesItselfAsJsonVersion2OverText() {
        assertEquals("json", protocol.name());
        assertEquals(2, protocol.version());
        assertEquals(TransferFormat.TEXT, protocol.transferFormat());
    }

    @Test
    void blockingInvocation() throws Exception {
        InvocationMessage m = parseOne(
                "{\"type\":1,\"invocationId\":\"0\",\"target\":\"Add\",\"arguments\":[40,2]}", InvocationMessage.class);
        assertEquals("0", m.invocationId());
        assertEquals("Add", m.target());
        assertEquals(2, m.arguments().size());
        assertEquals(40, arg(m.arguments(), 0).intValue());
        assertEquals(2, arg(m.arguments(), 1).intValue());
        assertEquals(List.of(), m.streamIds());
        assertEquals(Map.of(), m.headers());
    }

    @Test
    void invocationWithoutIdIsNonBlocking() throws Exception {
        InvocationMessage m = parseOne("{\"type\":1,\"target\":\"Log\",\"arguments\":[\"x\"]}", InvocationMessage.class);
        assertNull(m.invocationId());
        assertEquals("x", arg(m.arguments(), 0).textValue());
    }

    @Test
    void invocationWithStreamIdsAndHeaders() throws Exception {
        InvocationMessage m = parseOne("{\"type\":1,\"invocationId\":\"2\",\"target\":\"Upload\",\"arguments\":"
                + "[\"file.txt\"],\"streamIds\":[\"3\"],\"headers\":{\"a\":\"1\",\"b\":\"2\"}}", InvocationMessage.class);
        assertEquals(List.of("3"), m.streamIds());
        assertEquals(Map.of("a", "1", "b", "2"), m.headers());
        assertEquals("file.txt", arg(m.arguments(), 0).textValue());
    }

    @Test
    void invocationWithEmptyArguments() throws Exception {
        InvocationMessage m = parseOne("{\"type\":1,\"invocationId\":\"s1\",\"target\":\"GetMessage\",\"arguments\":[]}",
                InvocationMessage.class);
        assertTrue(m.arguments().isEmpty());
    }

    @Test
    void streamItemWithValueAndWithNull() throws Exception {
        StreamItemMessage item = parseOne("{\"type\":2,\"invocationId\":\"3\",\"item\":\"chunk-a\"}",
                StreamItemMessage.class);
        assertEquals("3", item.invocationId());
        assertEquals("chunk-a", assertInstanceOf(JsonNode.class, item.item()).textValue());

        StreamItemMessage nullItem = parseOne("{\"type\":2,\"invocationId\":\"3\",\"item\":null}",
                StreamItemMessage.class);
        assertTrue(assertInstanceOf(JsonNode.class, nullItem.item()).isNull());
    }

    @Test
    void completionWithResult() throws Exception {
        CompletionMessage m = parseOne("{\"type\":3,\"invocationId\":\"0\",\"result\":42}", CompletionMessage.class);
        assertEquals("0", m.invocationId());
        assertTrue(m.hasResult());
        assertEquals(42, assertInstanceOf(JsonNode.class, m.result()).intValue());
        assertNull(m.error());
    }

    @Test
    void completionWithNullResultDiffersFromCompletionWithoutResult() throws Exception {
        CompletionMessage nullResult = parseOne("{\"type\":3,\"invocationId\":\"0\",\"result\":null}",
                CompletionMessage.class);
        assertTrue(nullResult.hasResult());
        assertTrue(assertInstanceOf(JsonNode.class, nullResult.result()).isNull());

        CompletionMessage noResult = parseOne("{\"type\":3,\"invocationId\":\"0\"}", CompletionMessage.class);
        assertFalse(noResult.hasResult());
        assertNull(noResult.result());
        assertNull(noResult.error());
    }

    @Test
    void completionWithError() throws Exception {
        CompletionMessage m = parseOne("{\"type\":3,\"invocationId\":\"1\",\"error\":\"An error occurred on the "
                + "server while streaming results.\"}", CompletionMessage.class);
        assertFalse(m.hasResult());
        assertEquals("An error occurred on the server while streaming results.", m.error());
    }

    @Test
    void streamInvocation() throws Exception {
        StreamInvocationMessage m = parseOne(
                "{\"type\":4,\"invocationId\":\"1\",\"target\":\"Counter\",\"arguments\":[3,500]}",
                StreamInvocationMessage.class);
        assertEquals("1", m.invocationId());
        assertEquals("Counter", m.target());
        assertEquals(500, arg(m.arguments(), 1).intValue());
    }

    @Test
    void cancelInvocation() throws Exception {
        CancelInvocationMessage m = parseOne("{\"type\":5,\"invocationId\":\"1\"}", CancelInvocationMessage.class);
        assertEquals("1", m.invocationId());
    }

    @Test
    void ping() throws Exception {
        assertSame(PingMessage.INSTANCE, parseOne("{\"type\":6}", PingMessage.class));
    }

    @Test
    void closeWithoutAndWithErrorAndAllowReconnect() throws Exception {
        assertEquals(new CloseMessage(null, false), parseOne("{\"type\":7}", CloseMessage.class));
        assertEquals(new CloseMessage("Connection closed with an error.", true), parseOne(
                "{\"type\":7,\"error\":\"Connection closed with an error.\",\"allowReconnect\":true}",
                CloseMessage.class));
        assertEquals(new CloseMessage(null, false), parseOne("{\"type\":7,\"allowReconnect\":false}",
                CloseMessage.class));
    }

    @Test
    void ackAndSequence() throws Exception {
        assertEquals(new AckMessage(5), parseOne("{\"type\":8,\"sequenceId\":5}", AckMessage.class));
        assertEquals(new SequenceMessage(4_000_000_000L),
                parseOne("{\"type\":9,\"sequenceId\":4000000000}", SequenceMessage.class));
    }

    @Test
    void propertiesMayComeInAnyOrder() throws Exception {
        InvocationMessage m = parseOne("{\"arguments\":[1],\"target\":\"T\",\"invocationId\":\"7\",\"type\":1}",
                InvocationMessage.class);
        assertEquals("7", m.invocationId());
        assertEquals("T", m.target());
        assertEquals(1, arg(m.arguments(), 0).intValue());

        CompletionMessage c = parseOne("{\"result\":\"r\",\"invocationId\":\"8\",\"type\":3}", CompletionMessage.class);
        assertEquals("8", c.invocationId());
        assertEquals("r", assertInstanceOf(JsonNode.class, c.result()).textValue());
    }

    @Test
    void unknownPropertiesAreIgnored() throws Exception {
        InvocationMessage m = parseOne("{\"type\":1,\"extra\":{\"nested\":[1,{\"a\":null}]},\"target\":\"T\","
                + "\"x\":null,\"arguments\":[true],\"y\":3.5}", InvocationMessage.class);
        assertEquals("T", m.target());
        assertTrue(arg(m.arguments(), 0).booleanValue());
        assertInstanceOf(PingMessage.class, parseOne("{\"type\":6,\"future\":\"stuff\"}", PingMessage.class));
    }

    @Test
    void unknownTypesAreSkippedAndTheNextRecordIsStillParsed() throws Exception {
        List<HubMessage> messages = parse("{\"type\":42,\"whatever\":[1,2]}", "{\"type\":0}",
                "{\"type\":1,\"target\":\"T\",\"arguments\":[]}", "{\"type\":99}", "{\"type\":6}");
        assertEquals(2, messages.size());
        assertInstanceOf(InvocationMessage.class, messages.get(0));
        assertInstanceOf(PingMessage.class, messages.get(1));
    }
}
