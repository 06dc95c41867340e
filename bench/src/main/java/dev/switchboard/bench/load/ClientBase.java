package dev.switchboard.bench.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What every transport's client shares: the protocol's opening, the invocations awaited by id, and
 * handing stamped messages to the receiver. Transports supply {@link #write} and feed text frames to
 * {@link Dialect#receive} and binary ones to {@link #receive(ByteBuffer)}.
 */
abstract class ClientBase implements LoadClient, Dialect.Events {

    /** The first lost connection's reason goes to the process's log; the counts tell the rest. */
    private static final AtomicBoolean LOST_REPORTED = new AtomicBoolean();

    protected final Dialect dialect;
    protected final CompletableFuture<Void> opened = new CompletableFuture<>();
    private final Receiver receiver;
    private final Runnable onLost;
    private int lastId;
    /** The invocations awaiting their answer, by id: several when the echo keeps more than one in flight. */
    private final Map<Integer, CompletableFuture<Void>> pending = new HashMap<>();
    private volatile boolean closing;

    ClientBase(Dialect dialect, Receiver receiver, Runnable onLost) {
        this.dialect = dialect;
        this.receiver = receiver;
        this.onLost = onLost;
    }

    /** Sends one frame after those sent before it. */
    protected abstract void write(Frame frame);

    /** Reads one binary message or poll body: what the dialect makes of it, knowing whether it has opened. */
    protected void receive(ByteBuffer frame) {
        dialect.receive(frame, opened.isDone(), this);
    }

    @Override
    public CompletableFuture<Void> invoke(String method, String argument) {
        CompletableFuture<Void> answer = new CompletableFuture<>();
        int id;
        synchronized (this) {
            id = ++lastId;
            pending.put(id, answer);
        }
        write(dialect.invoke(id, method, argument));
        return answer;
    }

    /** Invokes the dialect's join method as {@code nickname} once the opening has completed. */
    protected CompletableFuture<Void> joinOnceOpened(String nickname) {
        return opened.thenCompose(v -> invoke(dialect.joinMethod(), dialect.joinTakesNickname() ? nickname : null));
    }

    @Override
    public void send(String method, String argument) {
        write(dialect.send(method, argument));
    }

    @Override
    public void keepAlive() {
        Frame ping = dialect.ping();
        // Before the opening completes there may be no socket yet, and nothing to keep alive.
        if (ping != null && !closing && opened.isDone() && !opened.isCompletedExceptionally()) {
            write(ping);
        }
    }

    @Override
    public void opened() {
        opened.complete(null);
    }

    @Override
    public void completed(int id, String error) {
        CompletableFuture<Void> answer;
        synchronized (this) {
            answer = pending.remove(id);
        }
        if (answer == null) {
            return;
        }
        if (error == null) {
            answer.complete(null);
        } else {
            answer.completeExceptionally(new IllegalStateException(error));
        }
    }

    @Override
    public void message(long sentNanos) {
        if (sentNanos >= 0) {
            receiver.message(sentNanos);
        }
    }

    @Override
    public void reply(String frame) {
        write(Frame.text(frame));
    }

    @Override
    public void closed(String reason) {
        failed(new IOException(reason));
    }

    /** The connection ended: what waits fails, and it counts as lost unless we closed it. */
    protected void failed(Throwable failure) {
        if (!closing) {
            closing = true;
            if (!LOST_REPORTED.getAndSet(true)) {
                System.err.println("A connection was lost, the first of this process: " + failure);
            }
            onLost.run();
        }
        opened.completeExceptionally(failure);
        List<CompletableFuture<Void>> answers;
        synchronized (this) {
            answers = new ArrayList<>(pending.values());
            pending.clear();
        }
        answers.forEach(answer -> answer.completeExceptionally(failure));
    }

    /** Marks the end as ours, so that it is not counted as lost. */
    protected void closing() {
        closing = true;
    }

    protected boolean isClosing() {
        return closing;
    }
}
