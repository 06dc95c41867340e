package dev.switchboard.internal.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.tyrus.spi.UpgradeRequest;

/**
 * Hands the socket of a WebSocket upgrade from the {@link UpgradeFilter}, which sees it, to the {@link UpgradeGate},
 * which sees only the request Tyrus makes of it: the filter names the socket in a header of the request, replacing
 * whatever a client sent under that name. A socket not taken is forgotten when it closes.
 */
final class UpgradingSockets {

    static final String HEADER = "Switchboard-Upgrading-Socket";

    private final Map<String, Connection<?>> byTag = new ConcurrentHashMap<>();
    private final AtomicLong lastTag = new AtomicLong();

    /** Names {@code socket} in the upgrade request's {@code header}. */
    void tag(HttpHeader header, Connection<?> socket) {
        String tag = Long.toString(lastTag.incrementAndGet());
        byTag.put(tag, socket);
        socket.addCloseListener((closed, type) -> byTag.remove(tag));
        // Every field of that name goes, however many the client sent: only the filter's may reach the gate.
        header.getHeaders().removeHeader(HEADER);
        header.addHeader(HEADER, tag);
    }

    /** {@return the socket the request was read from, once; null when it was not named} */
    Connection<?> take(UpgradeRequest request) {
        String tag = request.getHeader(HEADER);
        return tag == null ? null : byTag.remove(tag);
    }
}
