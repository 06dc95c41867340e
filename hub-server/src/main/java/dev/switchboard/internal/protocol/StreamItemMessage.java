package dev.switchboard.internal.protocol;

import com.fasterxml.jackson.databind.JavaType;
import java.util.Map;

/**
 * Type 2: one item of a stream; {@code item} may be null. {@code itemType} is the type a sent item is
 * serialized as, resolved once for its hub method; null means the item's runtime type.
 */
public record StreamItemMessage(String invocationId, Object item, JavaType itemType, Map<String, String> headers)
        implements HubMessage {

    public StreamItemMessage {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** An item serialized by its runtime type, as received items are represented. */
    public StreamItemMessage(String invocationId, Object item, Map<String, String> headers) {
        this(invocationId, item, null, headers);
    }

    @Override
    public int type() {
        return 2;
    }
}
