package dev.switchboard.internal.connection;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one connection's hub work one item at a time, in arrival order, on a shared executor. An item
 * that returns an unfinished stage holds the queue until the stage completes (SignalR's default of one
 * parallel invocation per client) without holding a thread.
 */
final class InvocationQueue {

    private static final Logger log = LoggerFactory.getLogger(InvocationQueue.class);

    private final Executor executor;
    /** Room for one at first (the default is 16): most connections are idle, and it grows as needed. */
    private final ArrayDeque<Supplier<? extends CompletionStage<?>>> queue = new ArrayDeque<>(1);
    private boolean running;
    /** Completed when the queue next runs dry; made only for a server shutting down. */
    private CompletableFuture<Void> idle;

    InvocationQueue(Executor executor) {
        this.executor = executor;
    }

    void submit(Supplier<? extends CompletionStage<?>> work) {
        synchronized (queue) {
            queue.add(work);
            if (running) {
                return;
            }
            running = true;
        }
        schedule();
    }

    /** Completes once nothing is running or waiting: at once when the queue is idle already. */
    CompletableFuture<Void> idle() {
        synchronized (queue) {
            if (!running) {
                return CompletableFuture.completedFuture(null);
            }
            if (idle == null) {
                idle = new CompletableFuture<>();
            }
            return idle;
        }
    }

    int size() {
        synchronized (queue) {
            return queue.size();
        }
    }

    private void schedule() {
        try {
            executor.execute(this::runNext);
        } catch (RejectedExecutionException e) {
            log.debug("Hub executor is shut down; dropping queued hub work");
            synchronized (queue) {
                queue.clear();
            }
            goIdleIfEmpty();
        }
    }

    private void runNext() {
        Supplier<? extends CompletionStage<?>> work;
        synchronized (queue) {
            work = queue.poll();
        }
        CompletionStage<?> stage;
        try {
            stage = work.get();
        } catch (RuntimeException | Error e) {
            log.error("Hub work failed", e);
            stage = null;
        }
        if (stage == null) {
            stage = CompletableFuture.completedFuture(null);
        }
        stage.whenComplete((result, failure) -> {
            if (!goIdleIfEmpty()) {
                schedule();
            }
        });
    }

    /** Marks the queue idle when nothing waits, and tells whoever awaits that; false when work waits. */
    private boolean goIdleIfEmpty() {
        CompletableFuture<Void> waiting;
        synchronized (queue) {
            if (!queue.isEmpty()) {
                return false;
            }
            running = false;
            waiting = idle;
            idle = null;
        }
        if (waiting != null) {
            waiting.complete(null);
        }
        return true;
    }
}
