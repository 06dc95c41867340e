package dev.switchboard.internal.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * SignalR's MessagePack hub protocol: each record is a VarInt length and one MessagePack array, whose layout
 * depends on the message type (see {@link MessagePackReader}). Payload values are written and read with the hub
 * mapper's settings (see {@link MessagePackMappers}); the messages are written as the .NET server writes them.
 */
public final class MessagePackHubProtocol implements HubProtocol {

    public static final String NAME = "messagepack";

    private static final Payload PING = new Payload(new byte[] {2, (byte) 0x91, 6});
    private static final int ERROR_RESULT = 1;
    private static final int VOID_RESULT = 2;
    private static final int NON_VOID_RESULT = 3;

    private final ObjectMapper mapper;
    private final MessagePackReader reader;
    private final ItemWriters items;

    /** @param hubMapper binds payload values as for JSON: arguments, results and stream items */
    public MessagePackHubProtocol(ObjectMapper hubMapper) {
        this.mapper = MessagePackMappers.of(hubMapper);
        this.reader = new MessagePackReader(mapper);
        this.items = new ItemWriters(mapper);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** Version 2 adds stateful reconnect's messages, as for JSON. */
    @Override
    public int version() {
        return 2;
    }

    @Override
    public TransferFormat transferFormat() {
        return TransferFormat.BINARY;
    }

    @Override
    public void parseMessages(InputBuffer input, int maxMessageSize, Consumer<HubMessage> sink)
            throws ProtocolException {
        long next;
        while ((next = LengthPrefix.next(input, maxMessageSize)) >= 0) {
            int prefix = (int) (next & 0xFF);
            int length = (int) (next >>> 8);
            if (input.readable() - prefix < length) {
                return;
            }
            HubMessage message;
            try {
                message = reader.read(input.array(), input.start() + prefix, length);
            } finally {
                input.skip(prefix + length);
            }
            if (message != null) {
                sink.accept(message);
            }
        }
    }

    @Override
    public Payload write(HubMessage message) {
        if (message instanceof PingMessage) {
            return PING;
        }
        ByteArrayBuilder body = new ByteArrayBuilder(128);
        try (JsonGenerator out = mapper.getFactory().createGenerator(body)) {
            out.writeStartArray();
            out.writeNumber(message.type());
            writeBody(out, message);
            out.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not serialize " + message.getClass().getSimpleName(), e);
        }
        return new Payload(LengthPrefix.prefix(body.toByteArray()));
    }

    private void writeBody(JsonGenerator out, HubMessage message) throws IOException {
        if (message instanceof InvocationMessage m) {
            writeHeaders(out, m.headers());
            writeInvocation(out, m.invocationId(), m.target(), m.arguments(), m.streamIds());
        } else if (message instanceof StreamInvocationMessage m) {
            writeHeaders(out, m.headers());
            writeInvocation(out, m.invocationId(), m.target(), m.arguments(), m.streamIds());
        } else if (message instanceof StreamItemMessage m) {
            writeHeaders(out, m.headers());
            out.writeString(m.invocationId());
            items.write(out, m.item(), m.itemType());
        } else if (message instanceof CompletionMessage m) {
            writeHeaders(out, m.headers());
            out.writeString(m.invocationId());
            if (m.error() != null) {
                out.writeNumber(ERROR_RESULT);
                out.writeString(m.error());
            } else if (m.hasResult()) {
                out.writeNumber(NON_VOID_RESULT);
                out.writeObject(m.result());
            } else {
                out.writeNumber(VOID_RESULT);
            }
        } else if (message instanceof CancelInvocationMessage m) {
            writeHeaders(out, m.headers());
            out.writeString(m.invocationId());
        } else if (message instanceof CloseMessage m) {
            writeNullable(out, m.error());
            out.writeBoolean(m.allowReconnect());
        } else if (message instanceof AckMessage m) {
            out.writeNumber(m.sequenceId());
        } else if (message instanceof SequenceMessage m) {
            out.writeNumber(m.sequenceId());
        }
    }

    /** Six elements, as the .NET server writes them: an empty array when there are no stream ids. */
    private static void writeInvocation(JsonGenerator out, String invocationId, String target, List<?> arguments,
                                        List<String> streamIds) throws IOException {
        writeNullable(out, invocationId);
        out.writeString(target);
        out.writeStartArray();
        for (Object argument : arguments) {
            out.writeObject(argument);
        }
        out.writeEndArray();
        out.writeStartArray();
        for (String id : streamIds) {
            out.writeString(id);
        }
        out.writeEndArray();
    }

    private static void writeNullable(JsonGenerator out, String value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else {
            out.writeString(value);
        }
    }

    private static void writeHeaders(JsonGenerator out, Map<String, String> headers) throws IOException {
        out.writeStartObject();
        for (Map.Entry<String, String> header : headers.entrySet()) {
            out.writeStringField(header.getKey(), header.getValue());
        }
        out.writeEndObject();
    }
}
