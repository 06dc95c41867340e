package dev.switchboard.internal.dispatch;

import java.util.Iterator;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A publisher over an iterator that a hub method returned, for one subscriber: items are pulled on the
 * hub executor only as they are requested, never on the caller's thread, and the source is closed once,
 * when it is exhausted, fails, or is cancelled. An iterator that waits for its next item holds a hub
 * thread meanwhile, as a blocking hub method would.
 */
final class IteratorPublisher implements Flow.Publisher<Object> {

    private static final Logger log = LoggerFactory.getLogger(IteratorPublisher.class);
    /** Items pulled in one go before the pulling yields its thread to other work on the executor. */
    private static final int BATCH = 64;

    private final Iterator<?> iterator;
    private final AutoCloseable source;
    private final Executor executor;
    private final AtomicBoolean subscribed = new AtomicBoolean();

    /** @param source closed when the stream ends, or null when there is nothing to close */
    IteratorPublisher(Iterator<?> iterator, AutoCloseable source, Executor executor) {
        this.iterator = iterator;
        this.source = source;
        this.executor = executor;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super Object> subscriber) {
        if (!subscribed.compareAndSet(false, true)) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            subscriber.onError(new IllegalStateException("A returned iterator or stream can be read only once"));
            return;
        }
        subscriber.onSubscribe(new Pull(subscriber));
    }

    /**
     * The one subscription. Whoever raises {@code work} from zero runs the pulling (or the closing, once
     * cancelled) until it falls back to zero, so the iterator is only ever touched by one thread at a time.
     */
    private final class Pull implements Flow.Subscription {

        private final Flow.Subscriber<? super Object> subscriber;
        private final AtomicInteger work = new AtomicInteger();
        private long demand;
        private volatile boolean cancelled;
        private volatile Throwable misuse;
        private boolean finished;

        Pull(Flow.Subscriber<? super Object> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                misuse = new IllegalArgumentException("Requested " + n + " items; the request must be positive");
            } else {
                synchronized (this) {
                    demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
                }
            }
            schedule();
        }

        @Override
        public void cancel() {
            cancelled = true;
            schedule();
        }

        private void schedule() {
            if (work.getAndIncrement() == 0) {
                run(this::drain);
            }
        }

        private void run(Runnable task) {
            try {
                executor.execute(task);
            } catch (RejectedExecutionException e) {
                // Shutting down: nothing more is pulled, but the source is still closed.
                cancelled = true;
                task.run();
            }
        }

        private void drain() {
            int missed = work.get();
            int pulled = 0;
            while (true) {
                while (!finished && pulled < BATCH && step()) {
                    pulled++;
                }
                if (!finished && pulled == BATCH) {
                    // Yields, so that a fast stream does not keep a hub thread from other connections' work.
                    work.set(1);
                    run(this::drain);
                    return;
                }
                missed = work.addAndGet(-missed);
                if (missed == 0) {
                    return;
                }
            }
        }

        /** Does the next thing there is to do; false when nothing is, until more is requested. */
        private boolean step() {
            Throwable failure = misuse;
            if (failure != null) {
                finish(failure);
                subscriber.onError(failure);
                return false;
            }
            if (cancelled) {
                finish(null);
                return false;
            }
            if (!takeDemand()) {
                return false;
            }
            Object item;
            try {
                if (!iterator.hasNext()) {
                    finish(null);
                    subscriber.onComplete();
                    return false;
                }
                item = iterator.next();
            } catch (RuntimeException e) {
                finish(e);
                subscriber.onError(e);
                return false;
            }
            subscriber.onNext(item);
            return true;
        }

        private synchronized boolean takeDemand() {
            if (demand == 0) {
                return false;
            }
            if (demand != Long.MAX_VALUE) {
                demand--;
            }
            return true;
        }

        private void finish(Throwable failure) {
            finished = true;
            if (source == null) {
                return;
            }
            try {
                source.close();
            } catch (Exception e) {
                if (failure != null) {
                    failure.addSuppressed(e);
                } else {
                    log.warn("Closing a stream returned by a hub method failed", e);
                }
            }
        }
    }
}
