package dev.switchboard.internal.connection;

import dev.switchboard.Transport;
import dev.switchboard.internal.protocol.Payload;
import dev.switchboard.internal.protocol.TransferFormat;
import dev.switchboard.internal.transport.TransportSender;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;

/**
 * A raw connection's transport as its {@link OutgoingQueue} sees it: each payload keeps the format it was sent
 * in (a text or a binary frame), where a hub connection's queue has one format for all. Over WebSockets each
 * payload is a message of its own, sent one after the other, since a raw message has no framing that would let
 * several share one; the HTTP transports take the batch as they would a hub's, their bytes running together as
 * ASP.NET Core's do.
 */
final class RawSender implements TransportSender {

    private final TransportSender transport;
    /** The formats of the payloads queued and not yet sent, in the order the queue takes them. */
    private final ArrayDeque<TransferFormat> formats = new ArrayDeque<>();

    /** When the last send or keep-alive started, as {@link System#nanoTime()}. */
    private volatile long lastWrite = System.nanoTime();

    RawSender(TransportSender transport) {
        this.transport = transport;
    }

    /** When the transport last had something to write, as {@link System#nanoTime()}. */
    long lastWrite() {
        return lastWrite;
    }

    /** The lock under which a payload is offered and its format recorded, so that both keep the same order. */
    Object lock() {
        return formats;
    }

    /** Records the format of the payload about to be offered; called holding {@link #lock()}. */
    void queued(TransferFormat format) {
        formats.addLast(format);
    }

    /** The payload just recorded was refused; called holding {@link #lock()}. */
    void refused() {
        formats.pollLast();
    }

    @Override
    public Transport type() {
        return transport.type();
    }

    @Override
    public void send(List<Payload> batch, TransferFormat ignored, Consumer<Throwable> done) {
        lastWrite = System.nanoTime();
        TransferFormat[] each = new TransferFormat[batch.size()];
        synchronized (formats) {
            for (int i = 0; i < each.length; i++) {
                TransferFormat format = formats.pollFirst();
                each[i] = format == null ? TransferFormat.TEXT : format;
            }
        }
        if (transport.type() != Transport.WEB_SOCKETS) {
            transport.send(batch, each[0], done);
            return;
        }
        new OneByOne(batch, each, done).next();
    }

    @Override
    public void keepAlive(Consumer<Throwable> done) {
        lastWrite = System.nanoTime();
        transport.keepAlive(done);
    }

    @Override
    public void abort() {
        transport.abort();
    }

    @Override
    public void close(String reason) {
        transport.close(reason);
    }

    @Override
    public void finish() {
        transport.finish();
    }

    @Override
    public void startClosingHandshake() {
        transport.startClosingHandshake();
    }

    @Override
    public boolean inherentKeepAlive() {
        return transport.inherentKeepAlive();
    }

    /** Sends a batch's payloads one at a time, each once the previous has completed, without recursing. */
    private final class OneByOne {

        private final List<Payload> batch;
        private final TransferFormat[] formats;
        private final Consumer<Throwable> done;
        private int index;
        /** True while {@link #next} runs its loop; a completion meanwhile only lets the loop go on. */
        private boolean looping;
        private boolean completedInLoop;

        OneByOne(List<Payload> batch, TransferFormat[] formats, Consumer<Throwable> done) {
            this.batch = batch;
            this.formats = formats;
            this.done = done;
        }

        void next() {
            while (true) {
                int at;
                synchronized (this) {
                    at = index++;
                    looping = true;
                    completedInLoop = false;
                }
                transport.send(List.of(batch.get(at)), formats[at], this::sent);
                synchronized (this) {
                    looping = false;
                    if (!completedInLoop) {
                        return;
                    }
                }
            }
        }

        private void sent(Throwable failure) {
            boolean last;
            synchronized (this) {
                last = failure != null || index == batch.size();
                if (!last && looping) {
                    completedInLoop = true;
                    return;
                }
            }
            if (last) {
                done.accept(failure);
            } else {
                next();
            }
        }
    }
}
