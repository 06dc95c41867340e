package dev.switchboard.internal.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * SignalR's JSON hub protocol: one JSON object per record, ended by 0x1E. Properties may come in any
 * order, unknown properties and unknown message types are ignored, as the .NET server does.
 */
public final class JsonHubProtocol implements HubProtocol {

    public static final String NAME = "json";

    private static final Payload PING = new Payload(new byte[] {
            '{', '"', 't', 'y', 'p', 'e', '"', ':', '6', '}', RecordSeparator.VALUE});

    private final ObjectMapper mapper;
    private final JsonReader reader;
    private final ItemWriters items;

    /** @param mapper binds payload values: arguments, results and stream items */
    public JsonHubProtocol(ObjectMapper mapper) {
        this.mapper = mapper;
        this.reader = new JsonReader(mapper);
        this.items = new ItemWriters(mapper);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Version 2 adds stateful reconnect's messages, on when negotiate offered it; both versions are accepted. */
    @Override
    public int version() {
        return 2;
    }

    @Override
    public TransferFormat transferFormat() {
        return TransferFormat.TEXT;
    }

    @Override
    public void parseMessages(InputBuffer input, int maxMessageSize, Consumer<HubMessage> sink)
            throws ProtocolException {
        int length;
        while ((length = RecordSeparator.nextRecordLength(input, maxMessageSize)) >= 0) {
            JsonNode root;
            try {
                root = reader.read(input.array(), input.start(), length, maxMessageSize);
            } catch (IOException e) {
                throw new ProtocolException("Error reading JSON: " + JsonReader.describe(e), e);
            } finally {
                input.skip(length + 1);
            }
            HubMessage message = toMessage(root);
            if (message != null) {
                sink.accept(message);
            }
        }
    }

    private static HubMessage toMessage(JsonNode root) throws ProtocolException {
        if (root == null || !root.isObject()) {
            throw new ProtocolException("Expected a JSON object.");
        }
        JsonNode type = root.get("type");
        if (type == null) {
            throw new ProtocolException("Missing required property 'type'.");
        }
        if (!type.isInt()) {
            throw new ProtocolException("Expected 'type' to be an integer.");
        }
        Map<String, String> headers = headers(root);
        return switch (type.intValue()) {
            case 1 -> new InvocationMessage(optionalString(root, "invocationId"), requiredString(root, "target"),
                    arguments(root), streamIds(root), headers);
            case 2 -> new StreamItemMessage(requiredString(root, "invocationId"), required(root, "item"), headers);
            case 3 -> completion(root, headers);
            case 4 -> new StreamInvocationMessage(requiredString(root, "invocationId"),
                    requiredString(root, "target"), arguments(root), streamIds(root), headers);
            case 5 -> new CancelInvocationMessage(requiredString(root, "invocationId"), headers);
            case 6 -> PingMessage.INSTANCE;
            case 7 -> new CloseMessage(optionalString(root, "error"), optionalBoolean(root, "allowReconnect"));
            case 8 -> new AckMessage(sequenceId(root));
            case 9 -> new SequenceMessage(sequenceId(root));
            default -> null;
        };
    }

    private static CompletionMessage completion(JsonNode root, Map<String, String> headers) throws ProtocolException {
        String invocationId = requiredString(root, "invocationId");
        JsonNode result = root.get("result");
        String error = optionalString(root, "error");
        if (result != null && error != null) {
            throw new ProtocolException("The 'error' and 'result' properties are mutually exclusive.");
        }
        return new CompletionMessage(invocationId, result, error, result != null, headers);
    }

    private static JsonNode required(JsonNode root, String name) throws ProtocolException {
        JsonNode value = root.get(name);
        if (value == null) {
            throw new ProtocolException("Missing required property '" + name + "'.");
        }
        return value;
    }

    private static String requiredString(JsonNode root, String name) throws ProtocolException {
        JsonNode value = required(root, name);
        if (!value.isTextual()) {
            throw new ProtocolException("Expected '" + name + "' to be of type String.");
        }
        return value.textValue();
    }

    private static String optionalString(JsonNode root, String name) throws ProtocolException {
        JsonNode value = root.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new ProtocolException("Expected '" + name + "' to be of type String.");
        }
        return value.textValue();
    }

    private static boolean optionalBoolean(JsonNode root, String name) throws ProtocolException {
        JsonNode value = root.get(name);
        if (value == null || value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new ProtocolException("Expected '" + name + "' to be of type Boolean.");
        }
        return value.booleanValue();
    }

    private static long sequenceId(JsonNode root) throws ProtocolException {
        JsonNode value = required(root, "sequenceId");
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new ProtocolException("Expected 'sequenceId' to be an integer.");
        }
        return value.longValue();
    }

    private static List<JsonNode> arguments(JsonNode root) throws ProtocolException {
        JsonNode value = required(root, "arguments");
        if (!value.isArray()) {
            throw new ProtocolException("Expected 'arguments' to be of type Array.");
        }
        List<JsonNode> arguments = new ArrayList<>(value.size());
        value.forEach(arguments::add);
        return arguments;
    }

    private static List<String> streamIds(JsonNode root) throws ProtocolException {
        JsonNode value = root.get("streamIds");
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new ProtocolException("Expected 'streamIds' to be of type Array.");
        }
        List<String> ids = new ArrayList<>(value.size());
        for (JsonNode id : value) {
            if (!id.isTextual()) {
                throw new ProtocolException("Expected 'streamIds' to hold strings.");
            }
            ids.add(id.textValue());
        }
        return ids;
    }

    private static Map<String, String> headers(JsonNode root) throws ProtocolException {
        JsonNode value = root.get("headers");
        if (value == null || value.isNull()) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw new ProtocolException("Expected 'headers' to be of type Object.");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            if (!field.getValue().isTextual()) {
                throw new ProtocolException("Expected header '" + field.getKey() + "' to be of type String.");
            }
            headers.put(field.getKey(), field.getValue().textValue());
        }
        return headers;
    }

    @Override
    public Payload write(HubMessage message) {
        if (message instanceof PingMessage) {
            return PING;
        }
        ByteArrayBuilder out = new ByteArrayBuilder(128);
        try (JsonGenerator json = mapper.getFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeNumberField("type", message.type());
            writeBody(json, message);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not serialize " + message.getClass().getSimpleName(), e);
        }
        out.write(RecordSeparator.VALUE);
        return new Payload(out.toByteArray());
    }

    private void writeBody(JsonGenerator json, HubMessage message) throws IOException {
        if (message instanceof InvocationMessage m) {
            writeHeaders(json, m.headers());
            writeInvocation(json, m.invocationId(), m.target(), m.arguments(), m.streamIds());
        } else if (message instanceof StreamInvocationMessage m) {
            writeHeaders(json, m.headers());
            writeInvocation(json, m.invocationId(), m.target(), m.arguments(), m.streamIds());
        } else if (message instanceof StreamItemMessage m) {
            writeHeaders(json, m.headers());
            json.writeStringField("invocationId", m.invocationId());
            json.writeFieldName("item");
            items.write(json, m.item(), m.itemType());
        } else if (message instanceof CompletionMessage m) {
            writeHeaders(json, m.headers());
            json.writeStringField("invocationId", m.invocationId());
            if (m.error() != null) {
                json.writeStringField("error", m.error());
            } else if (m.hasResult()) {
                json.writeFieldName("result");
                json.writeObject(m.result());
            }
        } else if (message instanceof CancelInvocationMessage m) {
            writeHeaders(json, m.headers());
            json.writeStringField("invocationId", m.invocationId());
        } else if (message instanceof CloseMessage m) {
            if (m.error() != null) {
                json.writeStringField("error", m.error());
            }
            if (m.allowReconnect()) {
                json.writeBooleanField("allowReconnect", true);
            }
        } else if (message instanceof AckMessage m) {
            json.writeNumberField("sequenceId", m.sequenceId());
        } else if (message instanceof SequenceMessage m) {
            json.writeNumberField("sequenceId", m.sequenceId());
        }
    }

    private static void writeInvocation(JsonGenerator json, String invocationId, String target, List<?> arguments,
                                        List<String> streamIds) throws IOException {
        if (invocationId != null) {
            json.writeStringField("invocationId", invocationId);
        }
        json.writeStringField("target", target);
        json.writeArrayFieldStart("arguments");
        for (Object argument : arguments) {
            json.writeObject(argument);
        }
        json.writeEndArray();
        if (!streamIds.isEmpty()) {
            json.writeArrayFieldStart("streamIds");
            for (String id : streamIds) {
                json.writeString(id);
            }
            json.writeEndArray();
        }
    }

    private static void writeHeaders(JsonGenerator json, Map<String, String> headers) throws IOException {
        if (headers.isEmpty()) {
            return;
        }
        json.writeObjectFieldStart("headers");
        for (Map.Entry<String, String> header : headers.entrySet()) {
            json.writeStringField(header.getKey(), header.getValue());
        }
        json.writeEndObject();
    }
}
