package dev.switchboard.internal.http;

import dev.switchboard.ConnectionRequest;
import dev.switchboard.HubUser;
import dev.switchboard.Transport;
import dev.switchboard.internal.auth.AuthenticationResult;
import dev.switchboard.internal.auth.HubAuthentication;
import dev.switchboard.internal.connection.ConnectionState;
import dev.switchboard.internal.connection.ServerConnection;
import dev.switchboard.internal.transport.TransportListener;
import dev.switchboard.internal.transport.TransportSender;
import dev.switchboard.internal.transport.WebSocketOpening;
import jakarta.websocket.CloseReason;
import java.util.Map;

/**
 * Whether a WebSocket upgrade to a hub may go ahead, whoever hosts the socket (the embedded server's
 * {@link UpgradeGate} or another host of the hubs): SignalR's statuses for a connection that is unknown (404), in
 * use (409, unless its WebSocket was lost and it waits for its client to resume it), another user's or
 * unauthenticated (401/403), or over the connection limit (503). The origin is the caller's to check first, since it
 * applies to plain endpoints as well.
 */
public final class HubUpgrade {

    private HubUpgrade() {
    }

    /** What was decided. */
    public sealed interface Decision {
    }

    /**
     * Refused before any socket opens.
     *
     * @param headers header fields to answer with, such as {@code WWW-Authenticate} or {@code Retry-After}
     */
    public record Refused(int status, String reason, Map<String, String> headers) implements Decision {
    }

    /**
     * Admitted: once the socket is open, {@link #attach} finds its connection, or makes one when the client
     * skipped negotiate.
     *
     * @param token the connection token the client gave, or null when it skipped negotiate
     * @param user the request's user, or null for an anonymous one
     */
    public record Admitted(HubRoute hub, String token, HubUser user, ConnectionRequest request) implements Decision {
    }

    /** Decides the upgrade {@code request} to {@code hub}; {@code request.queryParameters()} carries the id. */
    public static Decision decide(ConnectionManager connections, HubRoute hub, ConnectionRequest request) {
        if (!hub.options().transports().contains(Transport.WEB_SOCKETS)) {
            return new Refused(404, "WebSockets is not enabled for this hub", Map.of());
        }
        AuthenticationResult authenticated = hub.authentication().authenticate(request);
        if (authenticated instanceof AuthenticationResult.Refused refused) {
            return refused(refused);
        }
        HubUser user = ((AuthenticationResult.Allowed) authenticated).user();
        String token = request.queryParameter("id");
        if (token == null && connections.full()) {
            return full(connections);
        }
        if (token != null) {
            ConnectionManager.Entry entry = connections.find(hub, token);
            ServerConnection connection = entry == null ? null : entry.connection();
            if (connection == null || connection.state() == ConnectionState.CLOSED) {
                return new Refused(404, "No Connection with that ID", Map.of());
            }
            boolean resuming = connection.state() == ConnectionState.DISCONNECTED;
            if (entry.transport() == Transport.WEB_SOCKETS && !resuming) {
                // As ASP.NET Core: a live socket keeps its connection; only a lost one is taken over.
                return new Refused(409, "Connection ID is already in use", Map.of());
            }
            if (connection.state() != ConnectionState.NEGOTIATED && !resuming) {
                return new Refused(400, "Cannot change transports mid-connection", Map.of());
            }
            AuthenticationResult.Refused otherUser = HubAuthentication.checkSameUser(connection.user(), user);
            if (otherUser != null) {
                return refused(otherUser);
            }
            if (!resuming && !connections.hasSlotFor(entry)) {
                // Negotiated too long ago to hold its slot, and none is free.
                return full(connections);
            }
        }
        return new Admitted(hub, token, user, request);
    }

    /**
     * Once the WebSocket is open, finds its connection, or makes one when the client skipped negotiate, and gives
     * it the transport; the connection limit and the connection's state may have changed since the decision.
     */
    public static WebSocketOpening.Attachment attach(ConnectionManager connections, Admitted admitted,
                                                     TransportSender transport) {
        String token = admitted.token();
        ConnectionManager.Entry entry = token == null ? connections.create(admitted.hub(), false)
                : connections.find(admitted.hub(), token);
        if (entry != null && token == null) {
            entry.connection().user(admitted.user());
        }
        if (entry != null && token != null && entry.connection().state() == ConnectionState.DISCONNECTED) {
            TransportListener resumed = entry.connection().resume(transport);
            // The client was too late after all: the connection has ended since the decision.
            return resumed != null ? WebSocketOpening.Attachment.to(resumed) : WebSocketOpening.Attachment.refused(
                    CloseReason.CloseCodes.VIOLATED_POLICY.getCode(), "No Connection with that ID");
        }
        ConnectionManager.TakeUp takeUp = entry == null
                ? (token == null ? ConnectionManager.TakeUp.FULL : ConnectionManager.TakeUp.UNAVAILABLE)
                : connections.attach(entry, transport, admitted.request());
        return switch (takeUp) {
            case ATTACHED -> WebSocketOpening.Attachment.to(entry.connection().listenerFor(transport));
            // The decision saw a free slot, but concurrent upgrades took it since.
            case FULL -> WebSocketOpening.Attachment.refused(CloseReason.CloseCodes.TRY_AGAIN_LATER.getCode(),
                    "Server is at its connection limit");
            // The decision checked the id, but it may have expired or been taken since.
            case UNAVAILABLE -> WebSocketOpening.Attachment.refused(CloseReason.CloseCodes.VIOLATED_POLICY.getCode(),
                    "No Connection with that ID");
        };
    }

    private static Refused refused(AuthenticationResult.Refused refused) {
        return new Refused(refused.status(), refused.reason(),
                refused.challenge() == null ? Map.of() : Map.of("WWW-Authenticate", refused.challenge()));
    }

    /** 503 with a reason and a hint to retry, as negotiate answers at the connection limit. */
    private static Refused full(ConnectionManager connections) {
        return new Refused(503, HttpResponses.fullReason(connections),
                Map.of("Retry-After", HttpResponses.RETRY_AFTER_SECONDS));
    }
}
