package dev.switchboard.bench.jmh;

import dev.switchboard.Transport;
import dev.switchboard.internal.connection.TransportSender;
import dev.switchboard.internal.protocol.Payload;
import dev.switchboard.internal.protocol.TransferFormat;
import java.util.function.Consumer;

/**
 * A WebSocket transport that writes nothing and completes each send at once, so a connection's outgoing
 * queue never backs up. It takes the payload's text form as WebSocketTransport does for text frames: that
 * decoding is the server's cost, done once per payload however many connections share it.
 */
final class NoOpSender implements TransportSender {

    /** Plain, not volatile: only the fixtures' checks read it, and a fence per send would skew the figures. */
    private Payload last;

    @Override
    public Transport type() {
        return Transport.WEB_SOCKETS;
    }

    @Override
    public void send(Payload payload, TransferFormat format, Consumer<Throwable> done) {
        if (format == TransferFormat.TEXT) {
            payload.text();
        }
        last = payload;
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
