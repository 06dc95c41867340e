package dev.switchboard.internal.connection;

import dev.switchboard.internal.transport.TransportSender;
import dev.switchboard.internal.protocol.Payload;
import dev.switchboard.internal.protocol.TransferFormat;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * A connection's pending writes. Senders never wait: payloads queue here and a flusher thread writes them,
 * so a broadcast only queues, and the writes of many connections run in parallel. At most one send is in
 * flight; whatever queued meanwhile goes out together when it completes, so a busy connection's messages
 * share socket writes instead of paying a system call each.
 *
 * <p>The queue is bounded in bytes and in messages, against clients that cannot keep up: an offer beyond
 * either bound while the transport has not finished the previous send is refused, saying which, instead of
 * growing the heap; the count bounds what tiny messages cost besides their bytes. Bytes that wait only for
 * a flusher to run are not the client's fault; once they pass the stream window, the offering thread
 * writes them itself rather than wait for the flusher. Streams, which could
 * fill the queue as fast as they produce, ask for {@link #hasRoom room} before each item.
 */
final class OutgoingQueue {

    /** What became of an offered payload. */
    enum Offer { QUEUED, TOO_MANY_BYTES, TOO_MANY_MESSAGES, CLOSED }

    /** At most this much waits because of streams, as .NET pauses writers at 64 KiB of unsent data. */
    private static final int STREAM_WINDOW = 64 * 1024;

    private final Object lock = new Object();
    /** Room for one at first (the default is 16): most connections are idle, and it grows as needed. */
    private final ArrayDeque<Payload> pending = new ArrayDeque<>(1);
    private final List<Runnable> roomWaiters = new ArrayList<>();
    private final int maxBytes;
    private final int maxMessages;
    private final int streamWindow;
    private final int streamMessageWindow;
    private final Consumer<Throwable> onSendFailure;
    private final Executor flusher;
    private TransportSender sender;
    private TransferFormat format = TransferFormat.TEXT;
    private long pendingBytes;
    /** Some thread owns writing: a flusher task queued or running, or a send in flight. */
    private boolean writing;
    /** The owner is a flusher task that has not started yet. */
    private boolean scheduled;
    /** The transport has a send it has not completed. */
    private boolean inFlight;
    private boolean inLoop;
    private boolean completedInLoop;
    private boolean closed;
    private boolean discarded;
    private boolean corked;
    private Runnable afterDrain;
    /** Counts the transports the queue has written to: what a replaced one reports back is ignored. */
    private int generation;

    /** @param flusher runs the writes; tests pass {@code Runnable::run} to write on the offering thread */
    OutgoingQueue(int maxBytes, int maxMessages, Consumer<Throwable> onSendFailure, Executor flusher) {
        this.maxBytes = maxBytes;
        this.maxMessages = maxMessages;
        this.streamWindow = Math.min(STREAM_WINDOW, maxBytes / 2);
        this.streamMessageWindow = Math.max(1, maxMessages / 2);
        this.onSendFailure = onSendFailure;
        this.flusher = flusher;
    }

    void attach(TransportSender sender) {
        synchronized (lock) {
            this.sender = sender;
        }
    }

    /**
     * The transport is lost, though the connection lives on (stateful reconnect): what waits is dropped, and so
     * is what is offered until {@link #reattach}; a send in flight on the lost transport no longer counts.
     */
    void detach() {
        synchronized (lock) {
            generation++;
            sender = null;
            resetWriting();
        }
    }

    /**
     * Writes to {@code sender}, the transport of a resumed connection, from now on, held as by {@link #cork}
     * until the resend is queued; streams waiting for room are let go with its first write.
     */
    void reattach(TransportSender sender) {
        synchronized (lock) {
            generation++;
            this.sender = sender;
            resetWriting();
            corked = true;
        }
    }

    private void resetWriting() {
        pending.clear();
        pendingBytes = 0;
        writing = false;
        scheduled = false;
        inFlight = false;
        inLoop = false;
    }

    void format(TransferFormat format) {
        synchronized (lock) {
            this.format = format;
        }
    }

    Offer offer(Payload payload) {
        boolean schedule = false;
        boolean writeHere = false;
        synchronized (lock) {
            if (closed || sender == null) {
                return Offer.CLOSED;
            }
            if (inFlight && !pending.isEmpty()) {
                if (pendingBytes + payload.size() > maxBytes) {
                    return Offer.TOO_MANY_BYTES;
                }
                if (pending.size() >= maxMessages) {
                    return Offer.TOO_MANY_MESSAGES;
                }
            }
            pending.add(payload);
            pendingBytes += payload.size();
            if (corked) {
                return Offer.QUEUED;
            }
            if (!writing) {
                writing = true;
                scheduled = true;
                schedule = true;
            } else if (scheduled && pendingBytes >= streamWindow) {
                scheduled = false;
                writeHere = true;
            }
        }
        if (schedule) {
            schedule();
        } else if (writeHere) {
            writeLoop();
        }
        return Offer.QUEUED;
    }

    /**
     * Whether a stream may offer its next item: fewer bytes than the stream window wait (half the maximum,
     * 64 KiB at most) and fewer messages than half their maximum, so that items never overflow the queue.
     * When not, {@code onRoom} runs once they do, on whichever thread starts the next send, unless the queue
     * closes first. A closed queue has no room.
     */
    boolean hasRoom(Runnable onRoom) {
        synchronized (lock) {
            if (closed) {
                return false;
            }
            if (pending.isEmpty() || pendingBytes < streamWindow && pending.size() < streamMessageWindow) {
                return true;
            }
            roomWaiters.add(onRoom);
            return false;
        }
    }

    /** Holds what is offered from now on until {@link #uncork}. */
    void cork() {
        synchronized (lock) {
            corked = true;
        }
    }

    /**
     * Writes {@code first}, when not null, ahead of everything held, then the rest; with nothing to write, runs
     * what waits for the queue to drain.
     */
    void uncork(Payload first) {
        Runnable drained = null;
        boolean schedule = false;
        synchronized (lock) {
            corked = false;
            if (discarded) {
                return;
            }
            if (first != null) {
                pending.addFirst(first);
                pendingBytes += first.size();
            }
            if (writing) {
                return;
            }
            if (pending.isEmpty()) {
                drained = afterDrain;
                afterDrain = null;
            } else {
                writing = true;
                scheduled = true;
                schedule = true;
            }
        }
        if (schedule) {
            schedule();
        } else if (drained != null) {
            drained.run();
        }
    }

    private void schedule() {
        try {
            flusher.execute(this::runScheduled);
        } catch (RejectedExecutionException e) {
            // The server is stopping: what is queued will not be written.
            onSendFailure.accept(e);
        }
    }

    /** A flusher's task: writes, unless the offering thread took the writing over meanwhile. */
    private void runScheduled() {
        synchronized (lock) {
            if (!scheduled) {
                return;
            }
            scheduled = false;
        }
        writeLoop();
    }

    /**
     * Accepts nothing more; runs {@code then} once everything queued so far has been written, held ones
     * included, or at once when the queue is idle.
     */
    void closeAfterDrain(Runnable then) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            roomWaiters.clear();
            if (writing || corked) {
                afterDrain = then;
                return;
            }
        }
        then.run();
    }

    /**
     * Drops what waits, queues {@code last} as the final payload and accepts nothing more; {@code then} runs
     * once {@code last} is written. A send the transport already has in flight goes first: it cannot be
     * taken back, and holds no more than one batch.
     */
    void closeWith(Payload last, Runnable then) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            roomWaiters.clear();
            pending.clear();
            pending.add(last);
            pendingBytes = last.size();
            afterDrain = then;
            if (writing || corked) {
                return;
            }
            writing = true;
            scheduled = true;
        }
        schedule();
    }

    /**
     * Has the transport write its {@link TransportSender#keepAlive keep-alive}, if the queue is idle: nothing
     * waits and no send is in flight, so that it never overlaps a send. What is offered meanwhile goes out after it.
     *
     * @return false when the queue was busy or closed, and nothing was written
     */
    boolean keepAlive() {
        TransportSender target;
        int sentOn;
        synchronized (lock) {
            // Not writing and not corked means nothing waits.
            if (closed || corked || writing || sender == null) {
                return false;
            }
            writing = true;
            inFlight = true;
            target = sender;
            sentOn = generation;
        }
        target.keepAlive(failure -> onSent(sentOn, failure));
        return true;
    }

    /** Drops everything pending; nothing more is written. */
    void discard() {
        synchronized (lock) {
            closed = true;
            discarded = true;
            pending.clear();
            pendingBytes = 0;
            afterDrain = null;
            roomWaiters.clear();
        }
    }

    private void writeLoop() {
        while (true) {
            List<Payload> batch;
            TransportSender target;
            TransferFormat batchFormat;
            Runnable drained = null;
            List<Runnable> room = List.of();
            int sentOn;
            synchronized (lock) {
                sentOn = generation;
                if (pending.isEmpty()) {
                    writing = false;
                    drained = afterDrain;
                    afterDrain = null;
                    batch = null;
                    target = null;
                    batchFormat = null;
                } else {
                    batch = takeAll();
                    room = takeRoomWaiters();
                    target = sender;
                    batchFormat = format;
                    inFlight = true;
                    inLoop = true;
                    completedInLoop = false;
                }
            }
            if (batch == null) {
                if (drained != null) {
                    drained.run();
                }
                return;
            }
            room.forEach(Runnable::run);
            target.send(batch, batchFormat, failure -> onSent(sentOn, failure));
            synchronized (lock) {
                if (sentOn != generation) {
                    return;
                }
                inLoop = false;
                if (!completedInLoop) {
                    return;
                }
            }
        }
    }

    /** @param sentOn the generation of the transport the send went to */
    private void onSent(int sentOn, Throwable failure) {
        synchronized (lock) {
            if (sentOn != generation) {
                return;
            }
            if (failure == null) {
                inFlight = false;
                if (inLoop) {
                    // Completed before send() returned: the loop goes on; recursing here would grow the stack.
                    completedInLoop = true;
                    return;
                }
            }
        }
        if (failure != null) {
            onSendFailure.accept(failure);
            return;
        }
        writeLoop();
    }

    private List<Runnable> takeRoomWaiters() {
        if (roomWaiters.isEmpty()) {
            return List.of();
        }
        List<Runnable> waiters = List.copyOf(roomWaiters);
        roomWaiters.clear();
        return waiters;
    }

    private List<Payload> takeAll() {
        List<Payload> batch = pending.size() == 1 ? List.of(pending.poll()) : new ArrayList<>(pending);
        pending.clear();
        pendingBytes = 0;
        return batch;
    }
}
