package dev.switchboard.internal.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.msgpack.core.MessageInsufficientBufferException;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageSizeException;

/**
 * Reads one MessagePack record, an array whose first element is the message type, into a {@link HubMessage}, as
 * the .NET server does: extra elements are ignored, a missing one is an error, and payload values become Jackson
 * trees for the hub's mapper to bind (arrays nested at most {@value JsonReader#MAX_NESTING_DEPTH} deep, as in
 * JSON).
 */
final class MessagePackReader {

    private static final int VOID_RESULT = 2;
    private static final int NON_VOID_RESULT = 3;
    private static final int ERROR_RESULT = 1;

    private final ObjectMapper mapper;

    MessagePackReader(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The message at {@code [offset, offset + length)}, or null for one of an unknown type. */
    HubMessage read(byte[] data, int offset, int length) throws ProtocolException {
        try (JsonParser parser = mapper.getFactory().createParser(data, offset, length)) {
            Record record = new Record(parser);
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new ProtocolException("A message must be a MessagePack array.");
            }
            HubMessage message = message(record);
            if (message != null) {
                record.skipRest();
            }
            return message;
        } catch (MessageInsufficientBufferException | MessageSizeException e) {
            throw new ProtocolException("Error reading MessagePack: the message ends before its last element.", e);
        } catch (IOException | MessagePackException e) {
            throw new ProtocolException("Error reading MessagePack: " + (e.getMessage() == null
                    ? "malformed input." : JsonReader.describe(new IOException(e.getMessage()))), e);
        }
    }

    private HubMessage message(Record record) throws IOException, ProtocolException {
        long type = record.integer("type");
        if (type < 1 || type > 9) {
            return null;
        }
        return switch ((int) type) {
            case 1 -> {
                Map<String, String> headers = record.headers();
                String invocationId = record.optionalString("invocationId");
                yield new InvocationMessage(invocationId, record.string("target"), record.arguments(),
                        record.streamIds(), headers);
            }
            case 2 -> streamItem(record);
            case 3 -> completion(record);
            case 4 -> {
                Map<String, String> headers = record.headers();
                String invocationId = record.string("invocationId");
                yield new StreamInvocationMessage(invocationId, record.string("target"), record.arguments(),
                        record.streamIds(), headers);
            }
            case 5 -> {
                Map<String, String> headers = record.headers();
                yield new CancelInvocationMessage(record.string("invocationId"), headers);
            }
            case 6 -> PingMessage.INSTANCE;
            case 7 -> new CloseMessage(record.optionalString("error"), record.optionalBoolean("allowReconnect"));
            case 8 -> new AckMessage(record.integer("sequenceId"));
            case 9 -> new SequenceMessage(record.integer("sequenceId"));
            default -> null;
        };
    }

    private StreamItemMessage streamItem(Record record) throws IOException, ProtocolException {
        Map<String, String> headers = record.headers();
        String invocationId = record.string("invocationId");
        return new StreamItemMessage(invocationId, record.value("item"), headers);
    }

    private CompletionMessage completion(Record record) throws IOException, ProtocolException {
        Map<String, String> headers = record.headers();
        String invocationId = record.string("invocationId");
        long kind = record.integer("resultKind");
        if (kind == ERROR_RESULT) {
            return new CompletionMessage(invocationId, null, record.string("error"), false, headers);
        }
        if (kind == NON_VOID_RESULT) {
            return new CompletionMessage(invocationId, record.value("result"), null, true, headers);
        }
        if (kind == VOID_RESULT) {
            return new CompletionMessage(invocationId, null, null, false, headers);
        }
        throw new ProtocolException("Invalid invocation result kind " + kind + ".");
    }

    /** The elements of one message array, read in order; the parser stands on the last one read. */
    private final class Record {

        private final JsonParser parser;
        private boolean ended;

        Record(JsonParser parser) {
            this.parser = parser;
        }

        /** Moves to the next element, which must be there. */
        private JsonToken next(String name) throws IOException, ProtocolException {
            JsonToken token = ended ? JsonToken.END_ARRAY : parser.nextToken();
            if (token == JsonToken.END_ARRAY) {
                ended = true;
                throw new ProtocolException("The message has no '" + name + "' element.");
            }
            return token;
        }

        /** Moves to the next element, if there is one. */
        private boolean hasNext() throws IOException {
            if (!ended && parser.nextToken() == JsonToken.END_ARRAY) {
                ended = true;
            }
            return !ended;
        }

        long integer(String name) throws IOException, ProtocolException {
            if (next(name) != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                throw new ProtocolException("Reading '" + name + "' as an integer failed.");
            }
            return parser.getLongValue();
        }

        String string(String name) throws IOException, ProtocolException {
            if (next(name) != JsonToken.VALUE_STRING) {
                throw new ProtocolException("Reading '" + name + "' as String failed.");
            }
            return parser.getText();
        }

        /** A string or nil; an empty string counts as none, as the .NET server reads it. */
        String optionalString(String name) throws IOException, ProtocolException {
            JsonToken token = next(name);
            if (token == JsonToken.VALUE_NULL) {
                return null;
            }
            if (token != JsonToken.VALUE_STRING) {
                throw new ProtocolException("Reading '" + name + "' as String failed.");
            }
            String value = parser.getText();
            return value.isEmpty() ? null : value;
        }

        /** An optional last element: false when absent or nil. */
        boolean optionalBoolean(String name) throws IOException, ProtocolException {
            if (!hasNext() || parser.currentToken() == JsonToken.VALUE_NULL) {
                return false;
            }
            if (!parser.currentToken().isBoolean()) {
                throw new ProtocolException("Reading '" + name + "' as Boolean failed.");
            }
            return parser.getBooleanValue();
        }

        JsonNode value(String name) throws IOException, ProtocolException {
            next(name);
            return tree();
        }

        private JsonNode tree() throws IOException, ProtocolException {
            JsonNode value = mapper.readTree(parser);
            if (tooDeep(value, 1)) {
                throw new ProtocolException("The arguments are nested more than " + JsonReader.MAX_NESTING_DEPTH
                        + " levels deep.");
            }
            return value;
        }

        Map<String, String> headers() throws IOException, ProtocolException {
            if (next("headers") != JsonToken.START_OBJECT) {
                throw new ProtocolException("Reading 'headers' as a map failed.");
            }
            Map<String, String> headers = null;
            for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                if (parser.nextToken() != JsonToken.VALUE_STRING) {
                    throw new ProtocolException("Reading the value of header '" + name + "' as String failed.");
                }
                if (headers == null) {
                    headers = new LinkedHashMap<>();
                }
                headers.put(name, parser.getText());
            }
            if (parser.currentToken() != JsonToken.END_OBJECT) {
                throw new ProtocolException("Reading 'headers' as a map of strings failed.");
            }
            return headers;
        }

        List<JsonNode> arguments() throws IOException, ProtocolException {
            if (next("arguments") != JsonToken.START_ARRAY) {
                throw new ProtocolException("Reading 'arguments' as an array failed.");
            }
            List<JsonNode> arguments = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                arguments.add(tree());
            }
            return arguments;
        }

        /** The optional sixth element of an invocation. */
        List<String> streamIds() throws IOException, ProtocolException {
            if (!hasNext() || parser.currentToken() == JsonToken.VALUE_NULL) {
                return List.of();
            }
            if (parser.currentToken() != JsonToken.START_ARRAY) {
                throw new ProtocolException("Reading 'streamIds' as an array failed.");
            }
            List<String> ids = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (parser.currentToken() != JsonToken.VALUE_STRING) {
                    throw new ProtocolException("Reading an element of 'streamIds' as String failed.");
                }
                ids.add(parser.getText());
            }
            return ids;
        }

        /** Skips elements past those of the message's type, as the .NET server ignores them. */
        void skipRest() throws IOException {
            while (!ended && parser.nextToken() != JsonToken.END_ARRAY) {
                parser.skipChildren();
            }
            ended = true;
        }
    }

    /** Whether {@code node}, at {@code level}, nests containers deeper than JSON may. */
    private static boolean tooDeep(JsonNode node, int level) {
        if (!node.isContainerNode()) {
            return false;
        }
        if (level > JsonReader.MAX_NESTING_DEPTH) {
            return true;
        }
        for (JsonNode child : node) {
            if (tooDeep(child, level + 1)) {
                return true;
            }
        }
        return false;
    }
}
