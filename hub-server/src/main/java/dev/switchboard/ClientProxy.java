package dev.switchboard;

import java.util.concurrent.CompletableFuture;

/** One or more clients, addressed together. */
@FunctionalInterface
public interface ClientProxy {

    /**
     * Invokes {@code method} on every addressed client, without waiting for an answer. The message is
     * serialized once, whatever the number of clients.
     *
     * @return completes when the message has been queued for every addressed connection; it never waits
     *         for a slow client
     */
    CompletableFuture<Void> send(String method, Object... args);
}
