package dev.switchboard.internal.connection;

import dev.switchboard.HubException;
import dev.switchboard.internal.protocol.CompletionMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client results one connection is waiting for, by the invocation id the server chose. Each entry
 * leaves the map when its future completes, however that happens: the client's answer, the timeout, the
 * connection's end, or the caller cancelling it.
 */
final class ClientResults {

    /**
     * Ids the server chooses start with a letter, so that they never meet the numeric ids the official
     * clients choose for the streams they upload, which end with a Completion too.
     */
    private static final String ID_PREFIX = "s";

    private final String connectionId;
    private final Duration timeout;
    private final Map<String, CompletableFuture<Object>> pending = new ConcurrentHashMap<>();
    private final AtomicLong lastId = new AtomicLong();
    private volatile boolean ended;

    /** An invocation waiting for its answer. */
    record Pending(String invocationId, CompletableFuture<Object> result) {
    }

    ClientResults(String connectionId, Duration timeout) {
        this.connectionId = connectionId;
        this.timeout = timeout;
    }

    /** Registers an invocation of {@code method}; its result has already failed once the connection has ended. */
    Pending add(String method) {
        String id = ID_PREFIX + lastId.incrementAndGet();
        CompletableFuture<Object> result = new CompletableFuture<>();
        CompletableFuture<Void> timer = new CompletableFuture<>();
        pending.put(id, result);
        // Completing the timer cancels its scheduled timeout, so nothing of this entry stays behind.
        result.whenComplete((value, failure) -> {
            pending.remove(id, result);
            timer.complete(null);
        });
        timer.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS).whenComplete((value, failure) -> {
            if (failure != null) {
                result.completeExceptionally(new TimeoutException("Client of connection '" + connectionId
                        + "' did not answer '" + method + "' within " + timeout.toMillis() + " ms."));
            }
        });
        // Checked after the entry is in place: end() either sees the entry or has set the flag seen here.
        if (ended) {
            result.completeExceptionally(disconnected());
        }
        return new Pending(id, result);
    }

    /** Whether {@code invocationId} names a result this connection is waiting for. */
    boolean isPending(String invocationId) {
        return pending.containsKey(invocationId);
    }

    /** Completes the result the client answered: with its value, or a {@link HubException} with its error. */
    void complete(CompletionMessage completion) {
        CompletableFuture<Object> result = pending.remove(completion.invocationId());
        if (result == null) {
            return;
        }
        if (completion.error() != null) {
            result.completeExceptionally(new HubException(completion.error()));
        } else {
            result.complete(completion.hasResult() ? completion.result() : null);
        }
    }

    /** Fails {@code invocationId}'s result, such as when its invocation could not be sent. */
    void fail(String invocationId, Throwable failure) {
        CompletableFuture<Object> result = pending.remove(invocationId);
        if (result != null) {
            result.completeExceptionally(failure);
        }
    }

    /** The connection is ending: fails every pending result, and every one added from now on. */
    void end() {
        ended = true;
        for (String id : pending.keySet()) {
            fail(id, disconnected());
        }
    }

    /** How many results are pending; for tests that nothing stays behind. */
    int size() {
        return pending.size();
    }

    private IOException disconnected() {
        return new IOException("Connection '" + connectionId + "' disconnected.");
    }
}
