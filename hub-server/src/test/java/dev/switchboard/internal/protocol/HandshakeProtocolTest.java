package dev.switchboard.internal.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HandshakeProtocolTest {

    private static final String RS = "\u001e";
    private static final int MAX = 32 * 1024;

    private final HandshakeProtocol handshake = new HandshakeProtocol(JsonMappers.signalR());
    private final InputBuffer input = new InputBuffer();

    private void append(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        input.append(bytes, 0, bytes.length);
    }

    private ProtocolException parseFails(String text) {
        append(text);
        return assertThrows(ProtocolException.class, () -> handshake.parseRequest(input, MAX));
    }

    @Test
    void parsesJsonVersion1() throws Exception {
        append("{\"protocol\":\"json\",\"version\":1}" + RS);
        assertEquals(new HandshakeRequest("json", 1), handshake.parseRequest(input, MAX));
        assertEquals(0, input.readable());
    }

    @Test
    void acceptsAnyPropertyOrderAndIgnoresUnknownProperties() throws Exception {
        append("{\"version\":2,\"extra\":[1],\"protocol\":\"messagepack\"}" + RS);
        assertEquals(new HandshakeRequest("messagepack", 2), handshake.parseRequest(input, MAX));
    }

    @Test
    void leavesTheRecordsAfterTheHandshakeInTheBuffer() throws Exception {
        String rest = "{\"type\":6}" + RS + "{\"type\":1,\"target\":\"Add\",\"arguments\":[40,2]}" + RS;
        append("{\"protocol\":\"json\",\"version\":1}" + RS + rest);
        assertEquals(new HandshakeRequest("json", 1), handshake.parseRequest(input, MAX));
        assertEquals(rest.length(), input.readable());

        List<HubMessage> messages = new ArrayList<>();
        new JsonHubProtocol(JsonMappers.signalR()).parseMessages(input, MAX, messages::add);
        assertEquals(2, messages.size());
    }

    @Test
    void incompleteHandshakeGivesNullAndIsKeptUntilComplete() throws Exception {
        append("{\"protocol\":\"json\",");
        assertNull(handshake.parseRequest(input, MAX));
        assertEquals(19, input.readable());
        append("\"version\":1}" + RS);
        assertEquals(new HandshakeRequest("json", 1), handshake.parseRequest(input, MAX));
    }

    @Test
    void missingProtocolIsRejected() {
        assertEquals("Missing required property 'protocol'.", parseFails("{\"version\":1}" + RS).getMessage());
    }

    @Test
    void nonStringProtocolIsRejected() {
        assertEquals("Missing required property 'protocol'.",
                parseFails("{\"protocol\":1,\"version\":1}" + RS).getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ",\"version\":\"1\"", ",\"version\":1.5", ",\"version\":null",
            ",\"version\":99999999999"})
    void missingOrNonIntegerVersionIsRejected(String version) {
        assertEquals("Missing required property 'version'.",
                parseFails("{\"protocol\":\"json\"" + version + "}" + RS).getMessage());
    }

    @Test
    void invalidJsonIsRejected() {
        assertEquals("The handshake is not valid JSON.", parseFails("{\"protocol\":" + RS).getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"json\"", "1", "null"})
    void nonObjectIsRejected(String json) {
        assertEquals("The handshake must be a JSON object.", parseFails(json + RS).getMessage());
    }

    @Test
    void oversizeHandshakeIsRejectedEvenBeforeItEnds() {
        append("{\"protocol\":\"json\",\"version\":1,\"padding\":\"" + "x".repeat(100));
        ProtocolException e = assertThrows(ProtocolException.class, () -> handshake.parseRequest(input, 64));
        assertTrue(e.getMessage().contains("maximum message size"), e.getMessage());
    }

    @Test
    void successIsAnEmptyObjectAndSeparator() {
        assertEquals("{}" + RS, handshake.success().text());
    }

    @Test
    void errorIsAnErrorObjectWithJsonEscaping() {
        assertEquals("{\"error\":\"x\"}" + RS, handshake.error("x").text());
        assertEquals("{\"error\":\"The protocol 'a\\\"b' is not supported.\"}" + RS,
                handshake.error("The protocol 'a\"b' is not supported.").text());
    }
}
