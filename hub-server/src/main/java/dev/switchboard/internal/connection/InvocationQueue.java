package dev.switchboard.internal.connection;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one connection's hub work on a shared executor: up to {@code limit} items at once (SignalR's
 * {@code MaximumParallelInvocationsPerClient}, 1 by default), started in arrival order; the others wait.
 * An item that returns an unfinished stage holds its place until the stage completes, without holding a
 * thread, or until it gives its place up earlier (a hub call awaiting a client result, as in ASP.NET Core).
 * Exclusive work (the hub's connect and disconnect callbacks) waits for all that came before it to
 * finish, and runs alone.
 */
final class InvocationQueue {

    private static final Logger log = LoggerFactory.getLogger(InvocationQueue.class);

    private final Executor executor;
    private final int limit;
    /** Room for one at first (the default is 16): most connections are idle, and it grows as needed. */
    private final ArrayDeque<Function<Runnable, ? extends CompletionStage<?>>> waiting = new ArrayDeque<>(1);
    private int running;
    private boolean exclusiveRunning;
    /** Completed when the queue next runs dry; made only for a server shutting down. */
    private CompletableFuture<Void> idle;

    /** Work that runs alone, behind everything submitted before it. */
    private record Exclusive(Supplier<? extends CompletionStage<?>> work)
            implements Function<Runnable, CompletionStage<?>> {
        @Override
        public CompletionStage<?> apply(Runnable releasePlace) {
            return work.get();
        }
    }

    /** The place a running item holds: freed once, by the item giving it up or by its stage completing. */
    private final class Place extends AtomicBoolean implements Runnable {
        private final transient Function<Runnable, ? extends CompletionStage<?>> work;

        Place(Function<Runnable, ? extends CompletionStage<?>> work) {
            this.work = work;
        }

        @Override
        public void run() {
            if (compareAndSet(false, true)) {
                finished(work);
            }
        }
    }

    /** @param limit how many items may run at once, at least 1 */
    InvocationQueue(Executor executor, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        this.executor = executor;
        this.limit = limit;
    }

    /** Runs {@code work} once fewer than the limit run and everything submitted before it has started. */
    void submit(Supplier<? extends CompletionStage<?>> work) {
        submitReleasing(releasePlace -> work.get());
    }

    /**
     * Like {@link #submit}; {@code work} is given what gives its place up before its stage completes, which
     * lets the next item start.
     */
    void submitReleasing(Function<Runnable, ? extends CompletionStage<?>> work) {
        synchronized (waiting) {
            waiting.add(work);
        }
        startWhatMay();
    }

    /** Runs {@code work} alone, once everything submitted before it has finished. */
    void submitExclusive(Supplier<? extends CompletionStage<?>> work) {
        submitReleasing(new Exclusive(work));
    }

    /** Completes once nothing is running or waiting: at once when the queue is idle already. */
    CompletableFuture<Void> idle() {
        synchronized (waiting) {
            if (running == 0 && waiting.isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            if (idle == null) {
                idle = new CompletableFuture<>();
            }
            return idle;
        }
    }

    /** How many items wait for their turn, not counting those running. */
    int size() {
        synchronized (waiting) {
            return waiting.size();
        }
    }

    /** Starts the waiting items whose turn has come, in order; tells whoever awaits it when the queue is idle. */
    private void startWhatMay() {
        while (true) {
            Function<Runnable, ? extends CompletionStage<?>> next;
            CompletableFuture<Void> nowIdle = null;
            synchronized (waiting) {
                next = admit();
                if (next == null && running == 0 && waiting.isEmpty()) {
                    nowIdle = idle;
                    idle = null;
                }
            }
            if (nowIdle != null) {
                nowIdle.complete(null);
            }
            if (next == null) {
                return;
            }
            start(next);
        }
    }

    /** Takes the head of the queue, counted as running, when it may start now; null when it must wait. */
    private Function<Runnable, ? extends CompletionStage<?>> admit() {
        Function<Runnable, ? extends CompletionStage<?>> head = waiting.peek();
        if (head == null || exclusiveRunning) {
            return null;
        }
        if (head instanceof Exclusive) {
            if (running > 0) {
                return null;
            }
            exclusiveRunning = true;
        } else if (running >= limit) {
            return null;
        }
        running++;
        return waiting.poll();
    }

    private void start(Function<Runnable, ? extends CompletionStage<?>> work) {
        try {
            executor.execute(() -> run(work));
        } catch (RejectedExecutionException e) {
            log.debug("Hub executor is shut down; dropping queued hub work");
            synchronized (waiting) {
                waiting.clear();
            }
            finished(work);
        }
    }

    private void run(Function<Runnable, ? extends CompletionStage<?>> work) {
        Place place = new Place(work);
        CompletionStage<?> stage;
        try {
            stage = work.apply(place);
        } catch (RuntimeException | Error e) {
            log.error("Hub work failed", e);
            stage = null;
        }
        if (stage == null) {
            place.run();
        } else {
            stage.whenComplete((result, failure) -> place.run());
        }
    }

    /** Frees the place {@code work} held, and starts what may start now. */
    private void finished(Function<Runnable, ? extends CompletionStage<?>> work) {
        synchronized (waiting) {
            running--;
            if (work instanceof Exclusive) {
                exclusiveRunning = false;
            }
        }
        startWhatMay();
    }
}
