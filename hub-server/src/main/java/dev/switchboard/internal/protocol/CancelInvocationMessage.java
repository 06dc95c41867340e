package dev.switchboard.internal.protocol;

import java.util.Map;

/** Type 5: the client cancels a running stream. */
public record CancelInvocationMessage(String invocationId, Map<String, String> headers) implements HubMessage {

    public CancelInvocationMessage {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    @Override
    public int type() {
        return 5;
    }
}
