package dev.switchboard.internal.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** Reads the handshake request and writes its response; always JSON text ended by 0x1E. */
public final class HandshakeProtocol {

    private static final Payload SUCCESS = new Payload(new byte[] {'{', '}', RecordSeparator.VALUE});

    private final ObjectMapper mapper;
    private final JsonReader reader;

    public HandshakeProtocol(ObjectMapper mapper) {
        this.mapper = mapper;
        this.reader = new JsonReader(mapper);
    }

    /**
     * Takes the handshake request from {@code input}, leaving whatever follows it there.
     *
     * @return the request, or null while it is still incomplete
     * @throws ProtocolException when it is malformed or longer than {@code maxMessageSize}
     */
    public HandshakeRequest parseRequest(InputBuffer input, int maxMessageSize) throws ProtocolException {
        int length = RecordSeparator.nextRecordLength(input, maxMessageSize);
        if (length < 0) {
            return null;
        }
        JsonNode root;
        try {
            root = reader.read(input.array(), input.start(), length, maxMessageSize);
        } catch (IOException e) {
            throw new ProtocolException("The handshake is not valid JSON.", e);
        } finally {
            input.skip(length + 1);
        }
        if (root == null || !root.isObject()) {
            throw new ProtocolException("The handshake must be a JSON object.");
        }
        JsonNode protocol = root.get("protocol");
        if (protocol == null || !protocol.isTextual()) {
            throw new ProtocolException("Missing required property 'protocol'.");
        }
        JsonNode version = root.get("version");
        if (version == null || !version.canConvertToInt() || !version.isIntegralNumber()) {
            throw new ProtocolException("Missing required property 'version'.");
        }
        return new HandshakeRequest(protocol.asText(), version.intValue());
    }

    /** {@code {}} and the separator: the handshake succeeded. */
    public Payload success() {
        return SUCCESS;
    }

    /** {@code {"error":...}} and the separator: the handshake failed and the connection ends. */
    public Payload error(String message) {
        ObjectNode body = mapper.createObjectNode().put("error", message);
        try {
            byte[] json = mapper.writeValueAsBytes(body);
            byte[] record = new byte[json.length + 1];
            System.arraycopy(json, 0, record, 0, json.length);
            record[json.length] = RecordSeparator.VALUE;
            return new Payload(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
