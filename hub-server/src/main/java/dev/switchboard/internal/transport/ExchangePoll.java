package dev.switchboard.internal.transport;

import dev.switchboard.spi.host.HostExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A long poll held by a host other than the embedded server, through its {@link HostExchange}. */
public final class ExchangePoll implements PollResponse {

    private static final Logger log = LoggerFactory.getLogger(ExchangePoll.class);

    private final HostExchange exchange;

    public ExchangePoll(HostExchange exchange) {
        this.exchange = exchange;
    }

    @Override
    public void hold(long timeoutMillis, Runnable cancelled, Runnable timedOut) {
        exchange.hold(timeoutMillis, cancelled, timedOut);
    }

    @Override
    public void answer(int status, byte[] body, Runnable written) {
        LongPollingTransport.HEADERS.forEach(exchange::setHeader);
        exchange.respond(status, status == 200 ? LongPollingTransport.CONTENT_TYPE : null, body, failure -> {
            if (failure != null) {
                log.debug("A poll could not be answered", failure);
            }
            written.run();
        });
    }

    /** The first poll of a connection activates it and is answered at once, empty, as the clients need. */
    public static void answerFirst(HostExchange exchange) {
        new ExchangePoll(exchange).answer(200, new byte[0], () -> { });
    }

    @Override
    public void terminate() {
        exchange.abort();
    }
}
