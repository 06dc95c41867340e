package dev.switchboard.bench.jmh;

import dev.switchboard.spi.Serialization;
import dev.switchboard.spi.SerializedMessage;

/**
 * The JSON bytes of the latest message, shared by a benchmark's {@link NoOpConnection}s as a server's connections
 * share a message's cached record: the first to be handed a message has {@link Serialization#write} serialize it,
 * the others find its bytes by the message's identity. A manager that built a message per connection would give
 * each its own bytes. Not thread-safe: one benchmark thread sends.
 */
final class LatestBytes {

    /** The SignalR name of the one protocol of {@link Serialization#defaults()}. */
    private static final String PROTOCOL = "json";

    private final Serialization serialization = Serialization.defaults();
    private SerializedMessage message;
    private byte[] bytes;

    /** {@return the bytes of {@code latest}, serialized once for all the connections it is handed to} */
    byte[] of(SerializedMessage latest) {
        if (latest != message) {
            bytes = serialization.write(latest).get(PROTOCOL);
            message = latest;
        }
        return bytes;
    }
}
