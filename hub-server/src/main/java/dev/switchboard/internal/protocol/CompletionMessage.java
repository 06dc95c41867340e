package dev.switchboard.internal.protocol;

import java.util.Map;

/**
 * Type 3: the end of an invocation or stream, with a result, an error, or neither. {@code hasResult}
 * tells a {@code null} result apart from no result, since the wire does.
 */
public record CompletionMessage(String invocationId, Object result, String error, boolean hasResult,
                                Map<String, String> headers) implements HubMessage {

    public CompletionMessage {
        if (error != null && hasResult) {
            throw new IllegalArgumentException("A completion carries a result or an error, never both");
        }
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public static CompletionMessage withResult(String invocationId, Object result) {
        return new CompletionMessage(invocationId, result, null, true, Map.of());
    }

    public static CompletionMessage withError(String invocationId, String error) {
        return new CompletionMessage(invocationId, null, error, false, Map.of());
    }

    public static CompletionMessage empty(String invocationId) {
        return new CompletionMessage(invocationId, null, null, false, Map.of());
    }

    @Override
    public int type() {
        return 3;
    }
}
