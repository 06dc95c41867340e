package dev.switchboard.internal.transport;

import dev.switchboard.Transport;
import dev.switchboard.ConnectionRequest;
import dev.switchboard.internal.connection.HubConnection;
import dev.switchboard.internal.connection.TransportSender;
import dev.switchboard.internal.protocol.Payload;
import dev.switchboard.internal.protocol.TransferFormat;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.glassfish.grizzly.Connection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket transport of one connection: a Jakarta endpoint that moves frames between the socket
 * and its {@link HubConnection}. Public because Tyrus calls it reflectively. Text and binary frames are
 * both accepted (the Java client sends JSON as binary); sends are asynchronous and never block the
 * caller.
 */
public final class WebSocketTransport extends Endpoint implements TransportSender {

    private static final Logger log = LoggerFactory.getLogger(WebSocketTransport.class);

    private final HubEndpoint endpoint;
    private final ConnectionManager connections;
    private volatile Session session;
    private volatile Connection<?> socket;
    private volatile HubConnection connection;

    WebSocketTransport(HubEndpoint endpoint, ConnectionManager connections) {
        this.endpoint = endpoint;
        this.connections = connections;
    }

    @Override
    public void onOpen(Session opened, EndpointConfig config) {
        this.session = opened;
        this.socket = UpgradeFilter.takeUpgradingSocket();
        ConnectionRequest request = UpgradeGate.openingRequest();
        String token = QueryString.first(request.queryParameters(), "id");
        HubConnection found = token == null
                ? connections.create(endpoint, false)
                : connections.find(endpoint, token);
        if (found == null && token == null) {
            // The gate saw a free slot, but concurrent upgrades took it since.
            close(CloseReason.CloseCodes.TRY_AGAIN_LATER.getCode(), "Server is at its connection limit");
            return;
        }
        if (found == null || !found.attach(this, request)) {
            // The upgrade gate checked the id, but it may have expired or been taken since.
            close(CloseReason.CloseCodes.VIOLATED_POLICY.getCode(), "No Connection with that ID");
            return;
        }
        connection = found;
        opened.addMessageHandler(String.class,
                text -> found.receive(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8))));
        opened.addMessageHandler(ByteBuffer.class, found::receive);
    }

    @Override
    public void onClose(Session closed, CloseReason reason) {
        HubConnection current = connection;
        if (current == null) {
            return;
        }
        int code = reason.getCloseCode().getCode();
        boolean clean = code == CloseReason.CloseCodes.NORMAL_CLOSURE.getCode()
                || code == CloseReason.CloseCodes.GOING_AWAY.getCode();
        current.transportClosed(clean ? null
                : new IOException("WebSocket closed with status code " + code + " (" + reason.getReasonPhrase() + ")"));
    }

    @Override
    public void onError(Session failed, Throwable error) {
        log.debug("WebSocket error on {}", connection, error);
    }

    /** The socket under the session, which Grizzly knows it by; null when it was not handed over. */
    Connection<?> socket() {
        return socket;
    }

    @Override
    public Transport type() {
        return Transport.WEB_SOCKETS;
    }

    @Override
    public void send(Payload payload, TransferFormat format, Consumer<Throwable> done) {
        SendHandler handler = result -> done.accept(result.isOK() ? null : result.getException());
        try {
            RemoteEndpoint.Async remote = session.getAsyncRemote();
            if (format == TransferFormat.TEXT) {
                remote.sendText(payload.text(), handler);
            } else {
                remote.sendBinary(ByteBuffer.wrap(payload.bytes()), handler);
            }
        } catch (RuntimeException e) {
            done.accept(e);
        }
    }

    @Override
    public void abort() {
        Connection<?> current = socket;
        if (current != null) {
            current.terminateSilently();
        } else {
            close(CloseReason.CloseCodes.GOING_AWAY.getCode(), "");
        }
    }

    private void close(int code, String reason) {
        Session current = session;
        if (current == null || !current.isOpen()) {
            return;
        }
        try {
            current.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
        } catch (IOException | RuntimeException e) {
            log.debug("Closing WebSocket of {} failed", connection, e);
        }
    }
}
