package dev.switchboard.redis;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The answers one server waits for from the others: confirmed group changes and client results, by an id of
 * its own. Each entry leaves when its future completes, however that happens.
 */
final class PendingReplies {

    private final Map<Long, CompletableFuture<Envelope.Reply>> pending = new ConcurrentHashMap<>();
    private final AtomicLong lastId = new AtomicLong();

    /** An id to send, and the future its reply completes; it fails with {@code timeoutMessage} after {@code timeout}. */
    Expected expect(Duration timeout, String timeoutMessage) {
        long id = lastId.incrementAndGet();
        CompletableFuture<Envelope.Reply> reply = new CompletableFuture<>();
        CompletableFuture<Void> timer = new CompletableFuture<>();
        pending.put(id, reply);
        reply.whenComplete((value, failure) -> {
            pending.remove(id, reply);
            timer.complete(null);
        });
        timer.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS).whenComplete((value, failure) -> {
            if (failure != null) {
                reply.completeExceptionally(new TimeoutException(timeoutMessage));
            }
        });
        return new Expected(id, reply);
    }

    /** Completes the entry a reply answers; a late reply, after its timeout, is dropped. */
    void complete(Envelope.Reply reply) {
        CompletableFuture<Envelope.Reply> future = pending.get(reply.id());
        if (future != null) {
            future.complete(reply);
        }
    }

    void fail(long id, Throwable failure) {
        CompletableFuture<Envelope.Reply> future = pending.get(id);
        if (future != null) {
            future.completeExceptionally(failure);
        }
    }

    /** Fails every entry, as when the backplane closes. */
    void failAll(String reason) {
        pending.values().forEach(future -> future.completeExceptionally(new IOException(reason)));
    }

    int size() {
        return pending.size();
    }

    /** An id and the future of its reply. */
    record Expected(long id, CompletableFuture<Envelope.Reply> reply) {
    }
}
