package dev.switchboard.internal.protocol;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A message sent to many connections, serialized at most once per protocol in use however many
 * connections receive it.
 */
public final class SerializedMessage {

    private final HubMessage message;
    private final Map<String, Payload> byProtocol = new ConcurrentHashMap<>(2);
    private volatile Written lastWritten;

    public SerializedMessage(HubMessage message) {
        this.message = message;
    }

    public Payload payloadFor(HubProtocol protocol) {
        // A broadcast asks once per connection, almost always for one protocol: answer that without a lookup.
        Written last = lastWritten;
        if (last != null && last.protocol == protocol) {
            return last.payload;
        }
        Payload payload = byProtocol.computeIfAbsent(protocol.name(), name -> protocol.write(message));
        lastWritten = new Written(protocol, payload);
        return payload;
    }

    public HubMessage message() {
        return message;
    }

    private record Written(HubProtocol protocol, Payload payload) {
    }
}
