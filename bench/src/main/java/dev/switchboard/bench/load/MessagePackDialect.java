package dev.switchboard.bench.load;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.msgpack.jackson.dataformat.MessagePackFactory;

/**
 * SignalR's MessagePack hub protocol to the hub {@code hub} names: the handshake in JSON text, then binary records,
 * each one MessagePack array after its length ({@link BinaryMessageFormat}), written and read with
 * jackson-dataformat-msgpack's streaming generator and parser. Of a received invocation only the string arguments
 * are decoded, and the stamp read from them as the JSON dialect reads it.
 */
public record MessagePackDialect(SignalRDialect hub) implements Dialect {

    /** The chat over MessagePack; {@code messagepack:/PATH:METHOD} another hub, as {@link SignalRDialect#named}. */
    public static final String NAME = "messagepack";

    private static final MessagePackFactory FACTORY = new MessagePackFactory();
    private static final int INVOCATION = 1;
    private static final int COMPLETION = 3;
    private static final int PING = 6;
    private static final int CLOSE = 7;
    /** A completion's result kind that carries an error message. */
    private static final int ERROR_RESULT = 1;

    @Override
    public String name() {
        return NAME + hub.name().substring(SignalRDialect.NAME.length());
    }

    @Override
    public String webSocketPath() {
        return hub.webSocketPath();
    }

    @Override
    public String joinMethod() {
        return hub.joinMethod();
    }

    @Override
    public boolean joinTakesNickname() {
        return hub.joinTakesNickname();
    }

    @Override
    public Frame hello() {
        return SignalRDialect.handshake(NAME);
    }

    @Override
    public Frame invoke(int id, String method, String argument) {
        return invocation(Integer.toString(id), method, argument);
    }

    @Override
    public Frame send(String method, String argument) {
        return invocation(null, method, argument);
    }

    /** {@code [1, {}, id or nil, method, [argument]]}: five elements, as the official TypeScript client writes. */
    private static Frame invocation(String id, String method, String argument) {
        return record(generator -> {
            generator.writeStartArray();
            generator.writeNumber(INVOCATION);
            generator.writeStartObject();
            generator.writeEndObject();
            if (id == null) {
                generator.writeNull();
            } else {
                generator.writeString(id);
            }
            generator.writeString(method);
            generator.writeStartArray();
            if (argument != null) {
                generator.writeString(argument);
            }
            generator.writeEndArray();
            generator.writeEndArray();
        });
    }

    @Override
    public Frame ping() {
        return record(generator -> {
            generator.writeStartArray();
            generator.writeNumber(PING);
            generator.writeEndArray();
        });
    }

    private static Frame record(Writing writing) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (JsonGenerator generator = FACTORY.createGenerator(body)) {
            writing.write(generator);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Frame.binary(BinaryMessageFormat.framed(body.toByteArray()));
    }

    /** A text message can only be the handshake response; records are binary. */
    @Override
    public void receive(CharSequence frame, Events events) {
        int separator = Text.indexOf(frame, String.valueOf(SignalRDialect.SEPARATOR), 0, frame.length());
        SignalRDialect.handshakeResponse(frame, 0, separator < 0 ? frame.length() : separator, events);
    }

    @Override
    public void receive(ByteBuffer frame, boolean opened, Events events) {
        ByteBuffer heap = frame.hasArray() ? frame : ByteBuffer.allocate(frame.remaining()).put(frame).flip();
        try {
            // A long poll may answer empty, the first one always.
            if (!heap.hasRemaining() || !opened && !handshakeResponse(heap, events)) {
                return;
            }
            while (heap.hasRemaining()) {
                int length = BinaryMessageFormat.length(heap);
                int start = heap.position();
                record(heap.array(), heap.arrayOffset() + start, length, events);
                heap.position(start + length);
            }
        } catch (IOException | IllegalArgumentException e) {
            events.closed("A bad MessagePack record: " + e);
        }
    }

    /**
     * The handshake response at the start of the first binary message, in JSON text up to its separator, with
     * the message's position moved past it; whether there was one.
     */
    private static boolean handshakeResponse(ByteBuffer frame, Events events) {
        int start = frame.position();
        for (int i = start; i < frame.limit(); i++) {
            if (frame.get(i) == SignalRDialect.SEPARATOR) {
                CharSequence text = StandardCharsets.UTF_8.decode(frame.slice(start, i - start));
                frame.position(i + 1);
                SignalRDialect.handshakeResponse(text, 0, text.length(), events);
                return true;
            }
        }
        events.closed("A binary message without the handshake response before it");
        return false;
    }

    private static void record(byte[] bytes, int offset, int length, Events events) throws IOException {
        try (JsonParser parser = FACTORY.createParser(bytes, offset, length)) {
            expect(parser, JsonToken.START_ARRAY);
            expect(parser, JsonToken.VALUE_NUMBER_INT);
            switch (parser.getIntValue()) {
                case INVOCATION -> invocation(parser, events);
                case COMPLETION -> completion(parser, events);
                case CLOSE -> {
                    parser.nextToken();
                    events.closed("Close: " + parser.getText());
                }
                default -> {
                    // Pings and anything else the benchmark does not use.
                }
            }
        }
    }

    /** {@code [1, headers, id, target, [arguments...], ...]}: the stamp of the first string argument with one. */
    private static void invocation(JsonParser parser, Events events) throws IOException {
        skipHeaders(parser);
        parser.nextToken();
        parser.nextToken();
        expect(parser, JsonToken.START_ARRAY);
        long sentNanos = -1;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            if (sentNanos < 0 && parser.currentToken() == JsonToken.VALUE_STRING) {
                sentNanos = ChatMessage.sentNanos(parser.getText());
            } else {
                parser.skipChildren();
            }
        }
        events.message(sentNanos);
    }

    /** {@code [3, headers, id, kind, result or error]}. */
    private static void completion(JsonParser parser, Events events) throws IOException {
        skipHeaders(parser);
        parser.nextToken();
        int id = (int) Text.number(parser.getText(), 0);
        expect(parser, JsonToken.VALUE_NUMBER_INT);
        String error = null;
        if (parser.getIntValue() == ERROR_RESULT) {
            parser.nextToken();
            error = parser.getText();
        }
        events.completed(id, error);
    }

    private static void skipHeaders(JsonParser parser) throws IOException {
        expect(parser, JsonToken.START_OBJECT);
        parser.skipChildren();
    }

    private static void expect(JsonParser parser, JsonToken token) throws IOException {
        if (parser.nextToken() != token) {
            throw new IOException("Expected " + token + ", read " + parser.currentToken());
        }
    }

    /** Writes one record's array. */
    @FunctionalInterface
    private interface Writing {
        void write(JsonGenerator generator) throws IOException;
    }
}
