package dev.switchboard.internal.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.function.Function;
import org.msgpack.core.ExtensionTypeHeader;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.jackson.dataformat.ExtensionTypeCustomDeserializers;
import org.msgpack.jackson.dataformat.MessagePackFactory;
import org.msgpack.jackson.dataformat.TimestampExtensionModule;

/**
 * The hub's mapper, writing and reading MessagePack instead of JSON: the same modules, features and settings, so
 * that payloads bind and serialize as they do in JSON. Two differences follow MessagePack itself and what the
 * SignalR clients expect of it: byte arrays are {@code bin} rather than Base64 strings, and instants (as .NET's
 * {@code DateTime}) are the Timestamp extension (type -1), which {@code @microsoft/signalr-protocol-msgpack}
 * decodes to a {@code Date} and writes for one.
 */
final class MessagePackMappers {

    private MessagePackMappers() {
    }

    /**
     * The hub mapper's copy for MessagePack. Its trees hold a received Timestamp as the ISO-8601 text JSON would
     * carry, so that the hub's mapper binds it to the same types as in JSON.
     */
    static ObjectMapper of(ObjectMapper hubMapper) {
        ExtensionTypeCustomDeserializers extensions = new ExtensionTypeCustomDeserializers();
        extensions.addCustomDeser(TimestampExtensionModule.EXT_TYPE, data -> TextNode.valueOf(timestamp(data).toString()));
        MessagePackFactory factory = new MessagePackFactory();
        factory.setExtTypeCustomDesers(extensions);
        ObjectMapper mapper = new FormatCopy(hubMapper, factory);
        // Registered after the hub's own modules, so they take precedence over the ISO-8601 text of java.time.
        mapper.registerModule(TimestampExtensionModule.INSTANCE);
        mapper.registerModule(new SimpleModule("switchboard-msgpack-dates")
                .addSerializer(OffsetDateTime.class, asInstant(OffsetDateTime.class, OffsetDateTime::toInstant))
                .addSerializer(ZonedDateTime.class, asInstant(ZonedDateTime.class, ZonedDateTime::toInstant))
                .addSerializer(Date.class, asInstant(Date.class, Date::toInstant)));
        return mapper;
    }

    private static Instant timestamp(byte[] data) throws IOException {
        try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(data)) {
            return unpacker.unpackTimestamp(new ExtensionTypeHeader(TimestampExtensionModule.EXT_TYPE, data.length));
        }
    }

    private static <T> JsonSerializer<T> asInstant(Class<T> type, Function<T, Instant> toInstant) {
        return new StdSerializer<>(type) {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                provider.findValueSerializer(Instant.class).serialize(toInstant.apply(value), gen, provider);
            }
        };
    }

    /** ObjectMapper's copy of another mapper's configuration over another format, which it keeps protected. */
    private static final class FormatCopy extends ObjectMapper {

        FormatCopy(ObjectMapper source, JsonFactory factory) {
            super(source, factory);
        }
    }
}
