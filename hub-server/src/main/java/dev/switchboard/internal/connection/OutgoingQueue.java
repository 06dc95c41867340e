package dev.switchboard.internal.connection;

import dev.switchboard.internal.protocol.Payload;
import dev.switchboard.internal.protocol.TransferFormat;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A connection's pending writes. Senders never wait: payloads queue here, at most one send is in flight,
 * and whatever queued meanwhile goes out as one unit when it completes. The queue is bounded in bytes:
 * an offer to a client that cannot keep up returns {@link Offer#OVERFLOW} instead of growing the heap.
 * Streams, which could fill it as fast as they produce, ask for {@link #hasRoom room} before each item.
 */
final class OutgoingQueue {

    /** What became of an offered payload. */
    enum Offer { QUEUED, OVERFLOW, CLOSED }

    /** At most this much waits because of streams, as .NET pauses writers at 64 KiB of unsent data. */
    private static final int STREAM_WINDOW = 64 * 1024;

    private final Object lock = new Object();
    /** Room for one at first (the default is 16): most connections are idle, and it grows as needed. */
    private final ArrayDeque<Payload> pending = new ArrayDeque<>(1);
    private final List<Runnable> roomWaiters = new ArrayList<>();
    private final int maxBytes;
    private final int streamWindow;
    private final Consumer<Throwable> onSendFailure;
    private TransportSender sender;
    private TransferFormat format = TransferFormat.TEXT;
    private long pendingBytes;
    private boolean writing;
    private boolean inLoop;
    private boolean completedInLoop;
    private boolean closed;
    private boolean discarded;
    private boolean corked;
    private Runnable afterDrain;

    OutgoingQueue(int maxBytes, Consumer<Throwable> onSendFailure) {
        this.maxBytes = maxBytes;
        this.streamWindow = Math.min(STREAM_WINDOW, maxBytes / 2);
        this.onSendFailure = onSendFailure;
    }

    void attach(TransportSender sender) {
        synchronized (lock) {
            this.sender = sender;
        }
    }

    void format(TransferFormat format) {
        synchronized (lock) {
            this.format = format;
        }
    }

    Offer offer(Payload payload) {
        synchronized (lock) {
            if (closed || sender == null) {
                return Offer.CLOSED;
            }
            if (pendingBytes + payload.size() > maxBytes && !pending.isEmpty()) {
                return Offer.OVERFLOW;
            }
            pending.add(payload);
            pendingBytes += payload.size();
            if (writing || corked) {
                return Offer.QUEUED;
            }
            writing = true;
        }
        writeLoop();
        return Offer.QUEUED;
    }

    /**
     * Whether a stream may offer its next item: fewer bytes than the stream window wait (half the maximum,
     * 64 KiB at most), so that items never overflow the queue. When not, {@code onRoom} runs once they do,
     * on whichever thread starts the next send, unless the queue closes first. A closed queue has no room.
     */
    boolean hasRoom(Runnable onRoom) {
        synchronized (lock) {
            if (closed) {
                return false;
            }
            if (pending.isEmpty() || pendingBytes < streamWindow) {
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

    /** Writes {@code first}, when not null, ahead of everything held, then the rest. */
    void uncork(Payload first) {
        synchronized (lock) {
            corked = false;
            if (discarded) {
                return;
            }
            if (first != null) {
                pending.addFirst(first);
                pendingBytes += first.size();
            }
            if (writing || pending.isEmpty()) {
                return;
            }
            writing = true;
        }
        writeLoop();
    }

    /**
     * Accepts nothing more; runs {@code then} once everything queued so far has been written, or at
     * once when the queue is idle.
     */
    void closeAfterDrain(Runnable then) {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            roomWaiters.clear();
            if (writing) {
                afterDrain = then;
                return;
            }
        }
        then.run();
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
            Payload batch;
            TransportSender target;
            TransferFormat batchFormat;
            Runnable drained = null;
            List<Runnable> room = List.of();
            synchronized (lock) {
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
            target.send(batch, batchFormat, this::onSent);
            synchronized (lock) {
                inLoop = false;
                if (!completedInLoop) {
                    return;
                }
            }
        }
    }

    private void onSent(Throwable failure) {
        if (failure != null) {
            discard();
            onSendFailure.accept(failure);
            return;
        }
        synchronized (lock) {
            if (inLoop) {
                // Completed before send() returned: the loop goes on; recursing here would grow the stack.
                completedInLoop = true;
                return;
            }
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

    private Payload takeAll() {
        List<Payload> batch = new ArrayList<>(pending.size());
        Payload next;
        while ((next = pending.poll()) != null) {
            batch.add(next);
        }
        pendingBytes = 0;
        return Payload.concat(batch);
    }
}
