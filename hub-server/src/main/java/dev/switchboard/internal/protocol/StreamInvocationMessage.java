package dev.switchboard.internal.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Type 4: a call of a streaming hub method; always has an {@code invocationId}. */
public record StreamInvocationMessage(String invocationId, String target, List<?> arguments, List<String> streamIds,
                                      Map<String, String> headers) implements HubMessage {

    public StreamInvocationMessage {
        arguments = Collections.unmodifiableList(new ArrayList<>(arguments));
        streamIds = streamIds == null ? List.of() : List.copyOf(streamIds);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    @Override
    public int type() {
        return 4;
    }
}
