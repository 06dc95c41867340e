package dev.switchboard;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * A well-behaved publisher for tests: item {@code i} is {@code items.apply(i)}, sent only when requested,
 * each after {@code delayMillis} on another thread, then completion or {@code failure}. It reports every
 * item it produces and its cancellation, and can hold an item back until a stage completes.
 */
final class TestPublisher<T> implements Flow.Publisher<T> {

    /** What a test learns of the publisher's life. */
    interface Listener {
        void produced(int index);

        void cancelled();
    }

    private final IntFunction<T> items;
    private final int count;
    private final Executor executor;
    private final Throwable failure;
    private final int heldIndex;
    private final CompletionStage<?> release;
    private final Listener listener;

    private TestPublisher(IntFunction<T> items, int count, long delayMillis, Throwable failure, int heldIndex,
                          CompletionStage<?> release, Listener listener) {
        this.items = items;
        this.count = count;
        this.executor = CompletableFuture.delayedExecutor(delayMillis, TimeUnit.MILLISECONDS);
        this.failure = failure;
        this.heldIndex = heldIndex;
        this.release = release;
        this.listener = listener;
    }

    /** {@code count} items ({@link Integer#MAX_VALUE} for no end), then completion or {@code failure}. */
    static <T> TestPublisher<T> of(IntFunction<T> items, int count, long delayMillis, Throwable failure,
                                   Listener listener) {
        return new TestPublisher<>(items, count, delayMillis, failure, -1, null, listener);
    }

    /** Like {@link #of}, but item {@code heldIndex} goes out only once {@code release} has completed. */
    static <T> TestPublisher<T> holding(IntFunction<T> items, int count, int heldIndex, CompletionStage<?> release,
                                        Listener listener) {
        return new TestPublisher<>(items, count, 0, null, heldIndex, release, listener);
    }

    @Override
    public void subscribe(Flow.Subscriber<? super T> subscriber) {
        subscriber.onSubscribe(new Emitter(subscriber));
    }

    /** Emits one signal per scheduled run; the next run is scheduled only after a signal has returned. */
    private final class Emitter implements Flow.Subscription {

        private final Flow.Subscriber<? super T> subscriber;
        private long demand;
        private int next;
        private boolean scheduled;
        private boolean done;

        Emitter(Flow.Subscriber<? super T> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public synchronized void request(long n) {
            demand += n;
            scheduleIfDue();
        }

        @Override
        public void cancel() {
            synchronized (this) {
                if (done) {
                    return;
                }
                done = true;
            }
            listener.cancelled();
        }

        private void scheduleIfDue() {
            if (scheduled || done || demand == 0 && next < count) {
                return;
            }
            scheduled = true;
            if (next == heldIndex) {
                release.thenRun(() -> executor.execute(this::emit));
            } else {
                executor.execute(this::emit);
            }
        }

        private void emit() {
            int index;
            synchronized (this) {
                if (done) {
                    return;
                }
                index = next;
                if (index == count) {
                    done = true;
                } else {
                    demand--;
                    next++;
                }
            }
            if (index == count) {
                if (failure == null) {
                    subscriber.onComplete();
                } else {
                    subscriber.onError(failure);
                }
                return;
            }
            listener.produced(index);
            subscriber.onNext(items.apply(index));
            synchronized (this) {
                scheduled = false;
                scheduleIfDue();
            }
        }
    }
}
