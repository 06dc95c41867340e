package dev.switchboard.internal.transport;

import dev.switchboard.ConnectionRequest;
import dev.switchboard.HubUser;
import dev.switchboard.Transport;
import dev.switchboard.internal.auth.AuthenticationResult;
import dev.switchboard.internal.auth.HubAuthentication;
import dev.switchboard.internal.connection.ConnectionState;
import dev.switchboard.internal.connection.HubConnectionContext;
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
 * past Grizzly's HTTP codec by the {@link UpgradedSocketFilter}.
 */
final class UpgradeGate implements WebSocketEngine {

    /**
     * The request a hub's WebSocket is being opened by, from the gate to its transport: Tyrus opens the
     * session on the thread that asked for the upgrade. Tyrus's user properties would carry it too, but every
     * session keeps a copy of those for its whole life.
     */
    private static final ThreadLocal<Opening> OPENING = new ThreadLocal<>();

    /** A hub WebSocket being opened: its upgrade request and the user it was authenticated as, or null. */
    private record Opening(ConnectionRequest request, HubUser user) {
    }

    private final WebSocketEngine engine;
    private final ConnectionManager connections;
    private final Map<String, HubRoute> hubsByPath;
    private final OriginPolicy origins;
    private final int plainMaxMessage;
    private final ScheduledExecutorService closeTimer;

    /**
     * @param plainMaxMessage the largest message of a plain endpoint's WebSocket
     * @param closeTimer bounds how long the close frame of a WebSocket failed for bad frames may take
     */
    UpgradeGate(WebSocketEngine engine, ConnectionManager connections, Map<String, HubRoute> hubsByPath,
                OriginPolicy origins, int plainMaxMessage, ScheduledExecutorService closeTimer) {
        this.engine = engine;
        this.connections = connections;
        this.hubsByPath = hubsByPath;
        this.origins = origins;
        this.plainMaxMessage = plainMaxMessage;
        this.closeTimer = closeTimer;
    }

    @Override
    public UpgradeInfo upgrade(UpgradeRequest request, UpgradeResponse response) {
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
                    : readPastHttp(plain, plainMaxMessage, 0);
        }
        if (!hub.options().transports().contains(Transport.WEB_SOCKETS)) {
            return refuse(response, 404, "WebSockets is not enabled for this hub");
        }
        ConnectionRequest opening = new ConnectionRequest(hub.path(), request.getParameterMap(), request.getHeaders(),
                request instanceof RequestContext context ? context.getRemoteAddr() : null);
        AuthenticationResult authenticated = hub.authentication().authenticate(opening);
        if (authenticated instanceof AuthenticationResult.Refused refused) {
            return refuse(response, refused);
        }
        HubUser user = ((AuthenticationResult.Allowed) authenticated).user();
        String token = QueryString.first(request.getParameterMap(), "id");
        if (token == null && connections.full()) {
            return refuseFull(response);
        }
        if (token != null) {
            HubConnectionContext connection = connections.find(hub, token);
            if (connection == null || connection.state() == ConnectionState.CLOSED) {
                return refuse(response, 404, "No Connection with that ID");
            }
            if (connection.transportSender() instanceof WebSocketTransport) {
                return refuse(response, 409, "Connection ID is already in use");
            }
            if (connection.state() != ConnectionState.NEGOTIATED) {
                return refuse(response, 400, "Cannot change transports mid-connection");
            }
            AuthenticationResult.Refused otherUser = HubAuthentication.checkSameUser(connection.caller().user(), user);
            if (otherUser != null) {
                return refuse(response, otherUser);
            }
            if (!connections.hasSlotFor(connection)) {
                // Negotiated too long ago to hold its slot, and none is free.
                return refuseFull(response);
            }
        }
        OPENING.set(new Opening(opening, user));
        UpgradeInfo upgrade = engine.upgrade(request, response);
        if (upgrade.getStatus() != UpgradeStatus.SUCCESS) {
            OPENING.remove();
        }
        // The record separator comes on top of a record of the maximum size.
        return readPastHttp(upgrade, hub.options().maximumReceiveMessageSize(), 1);
    }

    /** The request of the hub WebSocket this thread is opening; null when there is none. */
    static ConnectionRequest openingRequest() {
        Opening opening = OPENING.get();
        return opening == null ? null : opening.request();
    }

    /** The user of the hub WebSocket this thread is opening; null when anonymous or there is none. */
    static HubUser openingUser() {
        Opening opening = OPENING.get();
        return opening == null ? null : opening.user();
    }

    /**
     * Once Tyrus has opened the WebSocket, its socket's bytes go to it directly, through a guard bounding its
     * messages to {@code maxMessageSize} and {@code framing} bytes: see {@link UpgradedSocketFilter}.
     */
    private UpgradeInfo readPastHttp(UpgradeInfo upgrade, int maxMessageSize, int framing) {
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
                // Looked up first: opening the WebSocket hands the socket to the transport, once.
                org.glassfish.grizzly.Connection<?> socket = UpgradeFilter.upgradingSocket();
                Connection opened;
                try {
                    opened = upgrade.createConnection(writer, closeListener);
                } finally {
                    OPENING.remove();
                }
                if (socket != null && opened != null) {
                    WebSocketFrameGuard guard = new WebSocketFrameGuard(socket, maxMessageSize, framing, closeTimer);
                    UpgradedSocketFilter.attach(socket, guard, opened.getReadHandler());
                }
                return opened;
            }
        };
    }

    /** 503 with a reason and a hint to retry, as negotiate answers at the connection limit. */
    private UpgradeInfo refuseFull(UpgradeResponse response) {
        UpgradeInfo refused = refuse(response, 503, HttpResponses.fullReason(connections));
        response.getHeaders().put("Retry-After", List.of(HttpResponses.RETRY_AFTER_SECONDS));
        return refused;
    }

    private static UpgradeInfo refuse(UpgradeResponse response, AuthenticationResult.Refused refused) {
        UpgradeInfo refusal = refuse(response, refused.status(), refused.reason());
        if (refused.challenge() != null) {
            response.getHeaders().put("WWW-Authenticate", List.of(refused.challenge()));
        }
        return refusal;
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
