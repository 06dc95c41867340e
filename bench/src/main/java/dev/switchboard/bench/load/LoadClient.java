package dev.switchboard.bench.load;

import java.util.concurrent.CompletableFuture;

/** One simulated chat user: a connection over some transport speaking some {@link Dialect}. */
public interface LoadClient {

    /** Connects, completes the protocol's opening and joins the chat as {@code nickname}. */
    CompletableFuture<Void> open(String nickname);

    /** Invokes {@code method} and completes with the answer, or fails with the server's error. */
    CompletableFuture<Void> invoke(String method, String argument);

    /** Invokes {@code method} without awaiting an answer. */
    void send(String method, String argument);

    /** Sends the protocol's client keep-alive, if it has one. */
    void keepAlive();

    /** Closes the connection; messages that arrive afterwards are not counted. */
    void close();

    /** What receives the messages this client gets. */
    @FunctionalInterface
    interface Receiver {

        /** A message stamped {@code sentNanos} arrived. */
        void message(long sentNanos);
    }
}
