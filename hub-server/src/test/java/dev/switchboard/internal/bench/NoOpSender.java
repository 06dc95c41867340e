package dev.switchboard.internal.bench;

import dev.switchboard.Transport;
import dev.switchboard.internal.transport.TransportSender;
import dev.switchboard.internal.protocol.Payload;
import dev.switchboard.internal.protocol.TransferFormat;
import java.util.List;
import java.util.function.Consumer;

/**
 * A WebSocket transport that writes nothing and completes each send at once, so a connection's outgoing
 * queue never backs up. What the real transport adds per connection (framing is shared per payload, the
 * socket write is not) is the load test's to measure, not these.
 */
final class NoOpSender implements TransportSender {

    /** Plain, not volatile: only the fixtures' checks read it, and a fence per send would skew the figures. */
    private Payload last;

    @Override
    public Transport type() {
        return Transport.WEB_SOCKETS;
    }

    @Override
    public void send(List<Payload> batch, TransferFormat format, Consumer<Throwable> done) {
        last = batch.get(batch.size() - 1);
        done.accept(null);
    }

    @Override
    public void abort() {
    }

    /** The payload of the latest send, or null before the first. */
    Payload last() {
        return last;
    }
}
