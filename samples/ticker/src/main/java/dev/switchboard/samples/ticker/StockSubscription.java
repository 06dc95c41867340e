package dev.switchboard.samples.ticker;

import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One watcher of one symbol: hands its subscriber the stock's latest state, as far as it asks for items.
 * A subscriber that falls behind skips to the newest price rather than queueing old ones, so a slow client
 * costs one pending {@link Stock}, never a growing backlog.
 *
 * <p>Every signal goes through {@link #drain}, which one thread at a time runs, so the subscriber is never
 * called concurrently or re-entrantly, even when it requests more from inside {@code onNext}.
 */
final class StockSubscription implements Flow.Subscription {

    private final Flow.Subscriber<? super Stock> subscriber;
    private final Consumer<StockSubscription> onEnd;
    private final AtomicReference<Stock> latest = new AtomicReference<>();
    private final AtomicLong demand = new AtomicLong();
    private final AtomicInteger pending = new AtomicInteger();
    private volatile boolean cancelled;
    private volatile boolean completed;
    private volatile Throwable failure;
    /** Only {@link #drain} reads and writes it, one thread at a time. */
    private boolean terminated;

    /**
     * @param onEnd told once the subscription ends, whichever way, so that the ticker forgets it
     */
    StockSubscription(Flow.Subscriber<? super Stock> subscriber, Consumer<StockSubscription> onEnd) {
        this.subscriber = subscriber;
        this.onEnd = onEnd;
    }

    /** Whether the subscriber has cancelled. */
    boolean cancelled() {
        return cancelled;
    }

    /** The stock's newest state; it replaces one the subscriber has not asked for yet. */
    void offer(Stock stock) {
        latest.set(stock);
        drain();
    }

    /** Ends the stream normally: the ticker is shutting down. */
    void complete() {
        completed = true;
        drain();
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            failure = new IllegalArgumentException("Rule 3.9: request a positive number of items, not " + n);
        } else {
            demand.getAndAccumulate(n, (current, more) -> current + more < 0 ? Long.MAX_VALUE : current + more);
        }
        drain();
    }

    @Override
    public void cancel() {
        cancelled = true;
        drain();
    }

    private void drain() {
        if (pending.getAndIncrement() != 0) {
            return;
        }
        do {
            if (!terminated) {
                step();
            }
        } while (pending.decrementAndGet() != 0);
    }

    /** Delivers at most one signal; a signal arriving meanwhile makes {@link #drain} come back. */
    private void step() {
        if (cancelled) {
            end();
        } else if (failure != null) {
            end();
            subscriber.onError(failure);
        } else if (completed) {
            end();
            subscriber.onComplete();
        } else if (demand.get() > 0) {
            Stock next = latest.getAndSet(null);
            if (next != null) {
                demand.decrementAndGet();
                subscriber.onNext(next);
                // Another item may be due already: count one more pass.
                pending.incrementAndGet();
            }
        }
    }

    private void end() {
        terminated = true;
        latest.set(null);
        onEnd.accept(this);
    }
}
