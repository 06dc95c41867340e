package dev.switchboard.internal.protocol;

import dev.switchboard.spi.SerializedMessage;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one implementation of {@link SerializedMessage}: a message sent to many connections, serialized at most once per protocol in use however many
 * connections receive it. One that came from another server holds only the records it was sent as.
 */
public final class SerializedOnce implements SerializedMessage {

    private final HubMessage message;
    private final Map<String, Payload> byProtocol = new ConcurrentHashMap<>(2);
    private volatile Written lastWritten;

    public SerializedOnce(HubMessage message) {
        this.message = message;
    }

    /** A message already serialized, by protocol name; a connection of another protocol gets nothing. */
    public static SerializedOnce ofPayloads(Map<String, Payload> payloads) {
        SerializedOnce serialized = new SerializedOnce(null);
        serialized.byProtocol.putAll(payloads);
        return serialized;
    }

    /** The message as each of {@code protocols} writes it, serializing each at most once. */
    public Map<String, Payload> payloadsFor(Collection<HubProtocol> protocols) {
        Map<String, Payload> payloads = new LinkedHashMap<>();
        for (HubProtocol protocol : protocols) {
            payloads.put(protocol.name(), payloadFor(protocol));
        }
        return payloads;
    }

    /** The record for {@code protocol}, or null for a message from another server that was not sent in it. */
    public Payload payloadFor(HubProtocol protocol) {
        // A broadcast asks once per connection, almost always for one protocol: answer that without a lookup.
        Written last = lastWritten;
        if (last != null && last.protocol == protocol) {
            return last.payload;
        }
        Payload payload = message == null ? byProtocol.get(protocol.name())
                : byProtocol.computeIfAbsent(protocol.name(), name -> protocol.write(message));
        if (payload == null) {
            return null;
        }
        lastWritten = new Written(protocol, payload);
        return payload;
    }

    public HubMessage message() {
        return message;
    }

    private record Written(HubProtocol protocol, Payload payload) {
    }
}
