package dev.switchboard.internal.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Type 1: a call of {@code target}. Without an {@code invocationId} it is fire-and-forget and gets no
 * answer. Parsed arguments are Jackson {@code JsonNode}s, bound to parameter types by the dispatcher;
 * arguments being sent are any values Jackson can write.
 */
public record InvocationMessage(String invocationId, String target, List<?> arguments, List<String> streamIds,
                                Map<String, String> headers) implements HubMessage {

    public InvocationMessage {
        arguments = Collections.unmodifiableList(new ArrayList<>(arguments));
        streamIds = streamIds == null ? List.of() : List.copyOf(streamIds);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** A non-blocking invocation, as the server sends to clients. */
    public static InvocationMessage nonBlocking(String target, List<?> arguments) {
        return new InvocationMessage(null, target, arguments, List.of(), Map.of());
    }

    @Override
    public int type() {
        return 1;
    }
}
