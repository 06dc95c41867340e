package dev.switchboard.internal.connection;

import dev.switchboard.HubException;
import dev.switchboard.LogSafe;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream a client uploads, as the hub method's {@code Flow.Publisher<T>} parameter sees it. Items are
 * bound to {@code T} as they arrive and wait in a buffer until the one subscriber requests them; every
 * signal reaches it serially on the hub executor, never on the transport's thread. The socket cannot be
 * paused for one stream, so a client that sends more than {@code capacity} items ahead of the hub ends
 * that stream with an error instead; the connection and its other streams go on.
 *
 * <p>The client's completion, with or without an error, and a bad item come after the items before them;
 * an overflow or the connection closing ends the stream at once, dropping what waits.
 */
public final class UploadStream implements Flow.Publisher<Object> {

    private static final Logger log = LoggerFactory.getLogger(UploadStream.class);
    /** Signals delivered in one go before the delivery yields its thread to other work on the executor. */
    private static final int BATCH = 64;

    private final String streamId;
    private final StreamItemBinder binder;
    private final int capacity;
    private final Executor executor;
    private final Consumer<UploadStream> onInputEnd;
    /** Reasons to deliver; whoever raises it from zero delivers until it falls back to zero. */
    private final AtomicInteger work = new AtomicInteger();
    private final Subscription subscription = new Subscription();

    // Guarded by this: the input side runs on the transport's thread, the rest on the hub executor.
    private final ArrayDeque<Object> buffer = new ArrayDeque<>();
    private Flow.Subscriber<? super Object> subscriber;
    private long demand;
    private boolean inputEnded;
    private boolean completed;
    private Throwable failure;
    private Throwable abort;
    private Throwable misuse;
    private boolean cancelled;
    private boolean subscribed;
    private boolean terminated;

    /**
     * @param capacity items that may wait for the subscriber
     * @param onInputEnd told once no more items are accepted, to free the stream's id
     */
    UploadStream(String streamId, StreamItemBinder binder, int capacity, Executor executor,
                 Consumer<UploadStream> onInputEnd) {
        this.streamId = streamId;
        this.binder = binder;
        this.capacity = capacity;
        this.executor = executor;
        this.onInputEnd = onInputEnd;
    }

    /** The id the client gave the stream. */
    public String streamId() {
        return streamId;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super Object> candidate) {
        Objects.requireNonNull(candidate, "subscriber");
        boolean first;
        synchronized (this) {
            first = subscriber == null;
            if (first) {
                subscriber = candidate;
            }
        }
        if (!first) {
            candidate.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            candidate.onError(new IllegalStateException("Stream '" + streamId + "' from the client can be "
                    + "subscribed to only once"));
            return;
        }
        schedule();
    }

    // ---- input, from the client

    /** An item from the client; ignored once the stream has ended or been cancelled. */
    void offer(Object item) {
        synchronized (this) {
            if (inputEnded || cancelled) {
                return;
            }
        }
        Object bound;
        try {
            bound = binder.bind(item);
            if (bound == null) {
                throw new IllegalArgumentException("Stream items cannot be null.");
            }
        } catch (IllegalArgumentException e) {
            end(new HubException("Failed to bind Stream message. " + e.getMessage(), e), false);
            return;
        }
        boolean overflow;
        synchronized (this) {
            if (inputEnded || cancelled) {
                return;
            }
            overflow = buffer.size() >= capacity;
            if (!overflow) {
                buffer.add(bound);
            }
        }
        if (overflow) {
            log.debug("Upload stream {} overflowed its buffer of {} items", LogSafe.escape(streamId), capacity);
            end(new HubException("Stream '" + streamId + "' overflowed: more than " + capacity
                    + " items from the client were waiting for the hub to read them."), true);
        } else {
            schedule();
        }
    }

    /** The client completed the stream: the subscriber completes after the items before. */
    void complete() {
        end(null, false);
    }

    /** The client ended the stream with {@code error}: the subscriber gets it after the items before. */
    void completeWithError(String error) {
        end(new HubException(error), false);
    }

    /** Ends the stream at once with {@code error}, dropping the items that wait. */
    void abort(Throwable error) {
        end(error, true);
    }

    private void end(Throwable error, boolean immediately) {
        synchronized (this) {
            if (inputEnded) {
                return;
            }
            inputEnded = true;
            if (immediately) {
                abort = error;
                buffer.clear();
            } else if (error != null) {
                failure = error;
            } else {
                completed = true;
            }
        }
        onInputEnd.accept(this);
        schedule();
    }

    // ---- delivery, on the hub executor

    private void schedule() {
        if (work.getAndIncrement() == 0) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                log.debug("Hub executor is shut down; upload stream {} delivers nothing more",
                        LogSafe.escape(streamId));
            }
        }
    }

    private void drain() {
        int missed = work.get();
        int delivered = 0;
        while (true) {
            Runnable signal;
            while (delivered < BATCH && (signal = nextSignal()) != null) {
                deliver(signal);
                delivered++;
            }
            if (delivered == BATCH) {
                // Yields, so that a fast upload does not keep a hub thread from other connections' work.
                work.set(1);
                try {
                    executor.execute(this::drain);
                } catch (RejectedExecutionException e) {
                    log.debug("Hub executor is shut down; upload stream {} delivers nothing more",
                            LogSafe.escape(streamId));
                }
                return;
            }
            missed = work.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }

    /** The next signal due to the subscriber, taken from the state, or null when none is due yet. */
    private synchronized Runnable nextSignal() {
        Flow.Subscriber<? super Object> target = subscriber;
        if (target == null || terminated) {
            return null;
        }
        if (!subscribed) {
            subscribed = true;
            return () -> target.onSubscribe(subscription);
        }
        if (cancelled) {
            terminate();
            return null;
        }
        Throwable error = misuse != null ? misuse : abort;
        if (error != null) {
            terminate();
            return () -> target.onError(error);
        }
        if (!buffer.isEmpty()) {
            if (demand == 0) {
                return null;
            }
            if (demand != Long.MAX_VALUE) {
                demand--;
            }
            Object item = buffer.poll();
            return () -> target.onNext(item);
        }
        if (failure != null) {
            Throwable ended = failure;
            terminate();
            return () -> target.onError(ended);
        }
        if (completed) {
            terminate();
            return target::onComplete;
        }
        return null;
    }

    private void terminate() {
        terminated = true;
        cancelled = true;
        buffer.clear();
    }

    /** Calls the subscriber; one that throws, against the rules, is treated as having cancelled. */
    private void deliver(Runnable signal) {
        try {
            signal.run();
        } catch (RuntimeException e) {
            log.warn("The subscriber of upload stream {} threw; it is cancelled", LogSafe.escape(streamId), e);
            subscription.cancel();
        }
    }

    /** The one subscriber's subscription. */
    private final class Subscription implements Flow.Subscription {

        @Override
        public void request(long n) {
            synchronized (UploadStream.this) {
                if (n <= 0) {
                    misuse = new IllegalArgumentException("Requested " + n + " items; the request must be positive");
                } else {
                    demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
                }
            }
            schedule();
        }

        @Override
        public void cancel() {
            synchronized (UploadStream.this) {
                cancelled = true;
                buffer.clear();
            }
            schedule();
        }
    }
}
