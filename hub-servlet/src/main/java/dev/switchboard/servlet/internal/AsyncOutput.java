package dev.switchboard.servlet.internal;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A response body written without blocking: each write goes to the container once {@code isReady()} says it takes
 * more, is flushed, and its callback runs only once the container is ready again, so a client that stops reading
 * holds no thread and gets no more than one write's bytes queued.
 */
final class AsyncOutput implements WriteListener {

    private record Pending(byte[] bytes, Consumer<Throwable> done) {
    }

    private final ServletOutputStream out;
    private final Consumer<Throwable> onFailure;
    private final Object lock = new Object();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private boolean listening;
    private boolean needsFlush;
    private Consumer<Throwable> awaitingReady;
    private Runnable whenDrained;
    private Throwable failure;

    /**
     * Over one response's stream.
     *
     * @param out the stream, of an asynchronous request
     * @param onFailure told once when a write fails (the client went away)
     */
    AsyncOutput(ServletOutputStream out, Consumer<Throwable> onFailure) {
        this.out = out;
        this.onFailure = onFailure;
    }

    /** Queues bytes; {@code done} runs once they are written and the container takes more, or with the failure. */
    void write(byte[] bytes, Consumer<Throwable> done) {
        Throwable failed;
        synchronized (lock) {
            failed = failure;
            if (failed == null) {
                queue.add(new Pending(bytes, done));
                if (!listening) {
                    listening = true;
                    out.setWriteListener(this);   // the container calls onWritePossible
                    return;
                }
            }
        }
        if (failed != null) {
            done.accept(failed);
        } else {
            pump();
        }
    }

    /** Runs {@code then} once everything queued is written, at once when nothing is. */
    void whenDrained(Runnable then) {
        synchronized (lock) {
            if (listening && failure == null && (!queue.isEmpty() || awaitingReady != null || needsFlush)) {
                whenDrained = then;
                return;
            }
        }
        then.run();
    }

    @Override
    public void onWritePossible() {
        pump();
    }

    @Override
    public void onError(Throwable error) {
        fail(error);
    }

    /** Fails every queued write, for a client gone or dropped. */
    void fail(Throwable error) {
        List<Consumer<Throwable>> failed = new ArrayList<>();
        Runnable drained;
        synchronized (lock) {
            if (failure != null) {
                return;
            }
            failure = error;
            if (awaitingReady != null) {
                failed.add(awaitingReady);
                awaitingReady = null;
            }
            queue.forEach(pending -> failed.add(pending.done()));
            queue.clear();
            drained = whenDrained;
            whenDrained = null;
        }
        failed.forEach(done -> done.accept(error));
        onFailure.accept(error);
        if (drained != null) {
            drained.run();
        }
    }

    private void pump() {
        List<Consumer<Throwable>> ready = new ArrayList<>(2);
        Runnable drained = null;
        try {
            synchronized (lock) {
                while (failure == null && out.isReady()) {
                    if (needsFlush) {
                        needsFlush = false;
                        out.flush();
                        continue;
                    }
                    if (awaitingReady != null) {
                        ready.add(awaitingReady);
                        awaitingReady = null;
                    }
                    Pending next = queue.poll();
                    if (next == null) {
                        drained = whenDrained;
                        whenDrained = null;
                        break;
                    }
                    out.write(next.bytes());
                    needsFlush = true;
                    awaitingReady = next.done();
                }
            }
        } catch (IOException | RuntimeException e) {
            ready.forEach(done -> done.accept(null));
            fail(e);
            return;
        }
        ready.forEach(done -> done.accept(null));
        if (drained != null) {
            drained.run();
        }
    }
}
