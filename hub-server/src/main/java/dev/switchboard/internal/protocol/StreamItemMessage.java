package dev.switchboard.internal.protocol;

import java.util.Map;

/** Type 2: one item of a stream; {@code item} may be null. */
public record StreamItemMessage(String invocationId, Object item, Map<String, String> headers) implements HubMessage {

    public StreamItemMessage {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    @Override
    public int type() {
        return 2;
    }
}
