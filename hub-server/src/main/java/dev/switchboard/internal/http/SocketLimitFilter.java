package dev.switchboard.internal.http;

import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.grizzly.CloseListener;
import org.glassfish.grizzly.Closeable;
import org.glassfish.grizzly.ICloseType;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ServerLimits.maxConcurrentSockets}: counts the listener's open sockets, idle, HTTP and upgraded alike,
 * and closes one accepted past the limit before anything is read from it, as Kestrel's
 * {@code MaxConcurrentConnections} does. First in the chain after the transport, so a refused socket costs no TLS
 * handshake. Refusals are logged at most once a minute, with their number, since an attacker decides how many
 * there are.
 */
final class SocketLimitFilter extends BaseFilter {

    private static final Logger log = LoggerFactory.getLogger(SocketLimitFilter.class);

    private final int limit;
    private final AtomicInteger open = new AtomicInteger();
    private final CloseListener<Closeable, ICloseType> release = (socket, type) -> open.decrementAndGet();
    private final LogThrottle refusals = new LogThrottle();

    SocketLimitFilter(int limit) {
        this.limit = limit;
    }

    @Override
    public NextAction handleAccept(FilterChainContext ctx) {
        int count = open.incrementAndGet();
        // Counted until closed, however it closes; a socket already closed is released at once.
        ctx.getConnection().addCloseListener(release);
        if (count <= limit) {
            return ctx.getInvokeAction();
        }
        ctx.getConnection().closeSilently();
        refused();
        return ctx.getStopAction();
    }

    private void refused() {
        long count = refusals.count();
        if (count > 0) {
            log.warn("Refused {} connection{} at the limit of {} open sockets (ServerLimits.maxConcurrentSockets)",
                    count, count == 1 ? "" : "s", limit);
        }
    }
}
