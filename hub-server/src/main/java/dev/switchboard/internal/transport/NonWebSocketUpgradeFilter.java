package dev.switchboard.internal.transport;

import java.io.IOException;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.FilterChainEvent;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpEvents;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;

/**
 * Grizzly treats any request with an {@code Upgrade} header as upgraded, so an {@code Upgrade: h2c}
 * (sent by Java's HttpClient and curl --http2) would leave a POST body unread and the request hanging.
 * This filter drops every upgrade that is not to WebSocket; the request is then served as HTTP/1.1.
 */
final class NonWebSocketUpgradeFilter extends BaseFilter {

    @Override
    public NextAction handleEvent(FilterChainContext ctx, FilterChainEvent event) throws IOException {
        if (event.type() == HttpEvents.IncomingHttpUpgradeEvent.TYPE) {
            HttpHeader header = ((HttpEvents.IncomingHttpUpgradeEvent) event).getHttpHeader();
            if (!"websocket".equalsIgnoreCase(header.getUpgrade())) {
                header.getUpgradeDC().recycle();
                header.setIgnoreContentModifiers(false);
            }
        }
        return ctx.getInvokeAction();
    }

    /** Installs the filter right after the HTTP codec, which raises the upgrade event. */
    static final class Installer implements AddOn {

        @Override
        public void setup(NetworkListener listener, FilterChainBuilder builder) {
            int codec = builder.indexOfType(HttpServerFilter.class);
            if (codec >= 0) {
                builder.add(codec + 1, new NonWebSocketUpgradeFilter());
            }
        }
    }
}
