package dev.switchboard.internal.connection;

import java.util.concurrent.Executor;

/**
 * A stream the server sends to a client, from the StreamInvocation asking for it to its Completion. The
 * connection registers it when the invocation arrives, so that a CancelInvocation, or the end of the
 * connection, reaches it even while the invocation still waits its turn. The dispatcher says what
 * cancelling does and ends the stream just before its Completion goes out, which frees its id.
 */
public final class ActiveStream {

    private final String invocationId;
    private final ActiveStreams registry;
    private final Executor executor;
    private Runnable canceller;
    private Runnable onEnd = () -> { };
    private boolean cancelled;
    private boolean ended;

    /** @param registry where the stream is registered, or null when its id was already in use */
    ActiveStream(String invocationId, ActiveStreams registry, Executor executor) {
        this.invocationId = invocationId;
        this.registry = registry;
        this.executor = executor;
    }

    public String invocationId() {
        return invocationId;
    }

    /** True when another stream of the connection had this invocation id: this one was never registered. */
    public boolean idInUse() {
        return registry == null;
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /** Sets what cancelling does; runs it at once, on this thread, when the stream is cancelled already. */
    public void onCancel(Runnable action) {
        boolean already;
        synchronized (this) {
            canceller = action;
            already = cancelled;
        }
        if (already) {
            action.run();
        }
    }

    /** Unregisters the stream, so that its id may be used again, and runs what ends with it, once. */
    public void end() {
        if (registry != null) {
            registry.remove(invocationId, this);
        }
        Runnable action;
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            action = onEnd;
        }
        action.run();
    }

    /** Sets what ends with the stream, such as the streams its invocation uploads. */
    synchronized void onEnd(Runnable action) {
        onEnd = action;
    }

    /** Cancels once; what cancelling does runs on the hub executor, now or as soon as it is set. */
    void cancel() {
        Runnable action;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            action = canceller;
        }
        if (action != null) {
            executor.execute(action);
        }
    }
}
