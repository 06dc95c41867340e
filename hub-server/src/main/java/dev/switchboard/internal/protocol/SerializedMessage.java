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

    public SerializedMessage(HubMessage message) {
        this.message = message;
    }

    public Payload payloadFor(HubProtocol protocol) {
        return byProtocol.computeIfAbsent(protocol.name(), name -> protocol.write(message));
    }

    public HubMessage message() {
        return message;
    }
}
