package dev.switchboard.spi;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** What a lifetime manager needs of one connection of this server: who it is, and how to reach it. */
public interface ConnectionHandle {

    /** {@return the connection's id, unique on every server} */
    String connectionId();

    /** {@return the id of the connection's user, or null for a connection without one} */
    String userIdentifier();

    /** {@return whether the connection has ended, so that registering it would leave it behind} */
    boolean isClosed();

    /**
     * Queues a message for the client; never blocks. The connection takes the bytes of its own protocol, which
     * every connection receiving the same message shares.
     *
     * @param message the message, as made by {@link SerializedMessage#invocation(String, List)} or
     *                {@link SerializedMessage#ofPayloads(java.util.Map)}
     */
    void send(SerializedMessage message);

    /**
     * Invokes {@code method} on the client and completes with its answer, as the protocol parsed it.
     *
     * @param method the client method
     * @param args   its arguments
     * @return fails with a {@link dev.switchboard.HubException} carrying the client's error, a
     *         {@link java.util.concurrent.TimeoutException} once the hub's client result timeout has passed,
     *         or an {@link java.io.IOException} when the connection ends first
     */
    CompletableFuture<Object> invoke(String method, List<?> args);
}
