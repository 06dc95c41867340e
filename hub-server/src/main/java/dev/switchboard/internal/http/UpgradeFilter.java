package dev.switchboard.internal.http;

import dev.switchboard.internal.transport.UpgradedSocketFilter;
import java.io.IOException;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.FilterChainEvent;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpEvents;
import org.glassfish.grizzly.http.HttpHeader;
import org.glassfish.grizzly.http.HttpRequestPacket;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.Protocol;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;

/**
 * Sits between Grizzly's HTTP codec and Tyrus and does two things with upgrades.
 *
 * <p>Grizzly treats any request with an {@code Upgrade} header as upgraded, so an {@code Upgrade: h2c}
 * (sent by Java's HttpClient and curl --http2) would leave a POST body unread and the request hanging;
 * every upgrade that is not to WebSocket is dropped, and the request is served as HTTP/1.1. So is a WebSocket
 * upgrade by any method but GET, or in any version but HTTP/1.1, which RFC 6455 requires and Tyrus does not
 * check.
 *
 * <p>Tyrus hides the socket under a WebSocket session, and its close waits until what is queued has been
 * written, which a client that stopped reading never takes. So this filter hands the socket of each upgrade to the
 * {@link UpgradeGate} through {@link UpgradingSockets}, for the transport to write to and drop it when it must,
 * and for the {@code UpgradedSocketFilter} to take its bytes from then on; frames of an open WebSocket never
 * reach this filter.
 */
final class UpgradeFilter extends BaseFilter {

    private final UpgradingSockets upgrading;

    UpgradeFilter(UpgradingSockets upgrading) {
        this.upgrading = upgrading;
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) throws IOException {
        if (ctx.getMessage() instanceof HttpContent content && content.getHttpHeader().isRequest()
                && "websocket".equalsIgnoreCase(content.getHttpHeader().getUpgrade())) {
            upgrading.tag(content.getHttpHeader(), ctx.getConnection());
        }
        return ctx.getInvokeAction();
    }

    @Override
    public NextAction handleEvent(FilterChainContext ctx, FilterChainEvent event) throws IOException {
        if (event.type() == HttpEvents.IncomingHttpUpgradeEvent.TYPE) {
            HttpHeader header = ((HttpEvents.IncomingHttpUpgradeEvent) event).getHttpHeader();
            boolean byGet = header instanceof HttpRequestPacket request && request.getMethod() == Method.GET
                    && request.getProtocol() == Protocol.HTTP_1_1;
            if (!byGet || !"websocket".equalsIgnoreCase(header.getUpgrade())) {
                header.getUpgradeDC().recycle();
                header.setIgnoreContentModifiers(false);
            }
        }
        return ctx.getInvokeAction();
    }

    /**
     * Installs the filter right after the HTTP codec, which raises the upgrade event, and the
     * {@link UpgradedSocketFilter} right before it.
     */
    static final class Installer implements AddOn {

        private final UpgradingSockets upgrading;

        Installer(UpgradingSockets upgrading) {
            this.upgrading = upgrading;
        }

        @Override
        public void setup(NetworkListener listener, FilterChainBuilder builder) {
            int codec = builder.indexOfType(HttpServerFilter.class);
            if (codec >= 0) {
                builder.add(codec + 1, new UpgradeFilter(upgrading));
                builder.add(codec, new UpgradedSocketFilter());
            }
        }
    }
}
