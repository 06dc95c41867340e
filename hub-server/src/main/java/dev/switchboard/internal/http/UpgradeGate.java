package dev.switchboard.internal.http;

import dev.switchboard.ConnectionRequest;
import dev.switchboard.HubUser;
import dev.switchboard.internal.protocol.HubProtocols;
import dev.switchboard.internal.transport.UpgradedSocketFilter;
import dev.switchboard.internal.transport.WebSocketOpening;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.glassfish.tyrus.core.RequestContext;
import org.glassfish.tyrus.spi.Connection;
import org.glassfish.tyrus.spi.UpgradeRequest;
import org.glassfish.tyrus.spi.UpgradeResponse;
import org.glassfish.tyrus.spi.WebSocketEngine;
import org.glassfish.tyrus.spi.Writer;

/**
 * Stands before Tyrus's engine and refuses upgrades to a hub with SignalR's HTTP statuses (404 for an
 * unknown connection, 409 for one already in use; 401 and 403 when its authentication refuses the request or
 * the connection is another user's; 503 at the connection limit, for a new connection or a negotiated one whose
 * hold on its slot has run out) before any socket opens. Every upgrade, to a hub or a plain endpoint, from an
 * origin the {@link OriginPolicy} does not allow is refused first, with 403. Refusing inside Tyrus's
 * configurator would still open the session. Upgrades to other paths go to Tyrus as they are, for the
 * plain endpoints it knows; one it knows nothing of is refused with 404, rather than passed on as a plain
 * request that a static file could answer. Every WebSocket it lets Tyrus open, hub or plain, is then read
 * past Grizzly's HTTP codec by the {@link UpgradedSocketFilter}. What it resolves for a hub's WebSocket (its
 * socket, its request and user, and how its connection is found, or made when the client skipped negotiate)
 * reaches the transport as a {@link WebSocketOpening}.
 */
final class UpgradeGate implements WebSocketEngine {

    private final WebSocketEngine engine;
    private final UpgradingSockets upgrading;
    private final ConnectionManager connections;
    private final Map<String, HubRoute> hubsByPath;
    private final OriginPolicy origins;
    private final int plainMaxMessage;
    private final ScheduledExecutorService closeTimer;

    /**
     * @param plainMaxMessage the largest message of a plain endpoint's WebSocket
     * @param closeTimer bounds how long the close frame of a WebSocket failed for bad frames may take
     */
    UpgradeGate(WebSocketEngine engine, UpgradingSockets upgrading, ConnectionManager connections,
                Map<String, HubRoute> hubsByPath, OriginPolicy origins, int plainMaxMessage,
                ScheduledExecutorService closeTimer) {
        this.engine = engine;
        this.upgrading = upgrading;
        this.connections = connections;
        this.hubsByPath = hubsByPath;
        this.origins = origins;
        this.plainMaxMessage = plainMaxMessage;
        this.closeTimer = closeTimer;
    }

    @Override
    public UpgradeInfo upgrade(UpgradeRequest request, UpgradeResponse response) {
        org.glassfish.grizzly.Connection<?> socket = upgrading.take(request);
        if (request.getHeader("Sec-WebSocket-Key") == null) {
            // Tyrus would answer a bare 500.
            return refuse(response, 400, "Missing Sec-WebSocket-Key header");
        }
        OriginPolicy.Admission admission = origins.admit(request::getHeader);
        if (!admission.allowed()) {
            return refuse(response, 403, admission.reason());
        }
        HubRoute hub = hubsByPath.get(request.getRequestURI().getPath());
        if (hub == null) {
            UpgradeInfo plain = engine.upgrade(request, response);
            return plain.getStatus() == UpgradeStatus.NOT_APPLICABLE
                    ? refuse(response, 404, "No WebSocket endpoint at this path")
                    : readPastHttp(plain, socket, plainMaxMessage, 0);
        }
        ConnectionRequest opening = new ConnectionRequest(hub.path(), request.getParameterMap(), request.getHeaders(),
                request instanceof RequestContext context ? context.getRemoteAddr() : null);
        HubUpgrade.Decision decision = HubUpgrade.decide(connections, hub, opening);
        if (decision instanceof HubUpgrade.Refused refused) {
            UpgradeInfo refusal = refuse(response, refused.status(), refused.reason());
            refused.headers().forEach((name, value) -> response.getHeaders().put(name, List.of(value)));
            return refusal;
        }
        HubUpgrade.Admitted admitted = (HubUpgrade.Admitted) decision;
        HubUser user = admitted.user();
        WebSocketOpening handedDown = new WebSocketOpening(socket,
                transport -> HubUpgrade.attach(connections, admitted, transport), user == null ? null : user.getName());
        UpgradeInfo upgrade = engine.upgrade(RequestContext.Builder.create((RequestContext) request)
                .userPrincipal(handedDown).build(), response);
        // A hub record's framing (a separator, a length prefix) comes on top of a record of the maximum size; a raw
        // connection's message has none.
        return readPastHttp(upgrade, socket, hub.options().maximumReceiveMessageSize(),
                hub.raw() ? 0 : HubProtocols.MAX_FRAMING_BYTES);
    }

    /**
     * Once Tyrus has opened the WebSocket, its socket's bytes go to it directly, through a guard bounding its
     * messages to {@code maxMessageSize} and {@code framing} bytes: see {@link UpgradedSocketFilter}.
     */
    private UpgradeInfo readPastHttp(UpgradeInfo upgrade, org.glassfish.grizzly.Connection<?> socket,
                                     int maxMessageSize, int framing) {
        if (upgrade.getStatus() != UpgradeStatus.SUCCESS) {
            return upgrade;
        }
        return new UpgradeInfo() {
            @Override
            public UpgradeStatus getStatus() {
                return UpgradeStatus.SUCCESS;
            }

            @Override
            public Connection createConnection(Writer writer, Connection.CloseListener closeListener) {
                Connection opened = upgrade.createConnection(writer, closeListener);
                if (socket != null && opened != null) {
                    UpgradedSocketFilter.attach(socket, maxMessageSize, framing, closeTimer, opened.getReadHandler());
                }
                return opened;
            }
        };
    }

    private static UpgradeInfo refuse(UpgradeResponse response, int status, String reason) {
        response.setStatus(status);
        response.setReasonPhrase(reason);
        Map<String, List<String>> headers = response.getHeaders();
        headers.put("Content-Length", List.of("0"));
        headers.put("Connection", List.of("close"));
        return new UpgradeInfo() {
            @Override
            public UpgradeStatus getStatus() {
                return UpgradeStatus.HANDSHAKE_FAILED;
            }

            @Override
            public Connection createConnection(Writer writer, Connection.CloseListener closeListener) {
                return null;
            }
        };
    }

    @Override
    public void register(Class<?> endpointClass, String contextPath) throws DeploymentException {
        engine.register(endpointClass, contextPath);
    }

    @Override
    public void register(ServerEndpointConfig serverConfig, String contextPath) throws DeploymentException {
        engine.register(serverConfig, contextPath);
    }
}
