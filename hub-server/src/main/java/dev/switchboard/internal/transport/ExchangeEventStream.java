package dev.switchboard.internal.transport;

import dev.switchboard.Transport;
import dev.switchboard.internal.protocol.Payload;
import dev.switchboard.internal.protocol.TransferFormat;
import dev.switchboard.spi.host.HostExchange;
import java.util.List;
import java.util.function.Consumer;

/**
 * Server-Sent Events on a host other than the embedded server: one held exchange, each payload one event,
 * written through the host's non-blocking writes. The client ends it by closing its EventSource.
 */
public final class ExchangeEventStream implements TransportSender {

    private final HostExchange exchange;

    public ExchangeEventStream(HostExchange exchange) {
        this.exchange = exchange;
    }

    /** Starts the event stream of the connection it is attached to: the exchange is held open from now on. */
    public void open(TransportListener connection) {
        exchange.hold(0, () -> connection.transportClosed(null), () -> { });
        EventStreamFormat.HEADERS.forEach(exchange::setHeader);
        exchange.beginStream(200, EventStreamFormat.CONTENT_TYPE, EventStreamFormat.FIRST_COMMENT);
    }

    @Override
    public Transport type() {
        return Transport.SERVER_SENT_EVENTS;
    }

    @Override
    public void send(List<Payload> batch, TransferFormat format, Consumer<Throwable> done) {
        exchange.write(EventStreamFormat.event(Payload.concat(batch).text()), done);
    }

    /** A comment, which no client hands on as a message: the host notices a departed client when it fails. */
    @Override
    public void keepAlive(Consumer<Throwable> done) {
        exchange.write(EventStreamFormat.FIRST_COMMENT, done);
    }

    /** An event stream has no way to say why beyond the Close event: the stream ends once that is written. */
    @Override
    public void close(String reason) {
        exchange.end();
    }

    @Override
    public void abort() {
        exchange.abort();
    }
}
