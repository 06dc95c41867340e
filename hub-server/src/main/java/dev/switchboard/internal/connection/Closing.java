package dev.switchboard.internal.connection;

import dev.switchboard.LogSafe;
import dev.switchboard.internal.protocol.CloseMessage;
import dev.switchboard.internal.protocol.ProtocolException;
import dev.switchboard.internal.transport.TransportSender;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ways a connection closes: with a Close and the transport's closing handshake, on a refused handshake, when
 * its client is too slow, when a send fails, or cut short by the server; and what ends with it once it is
 * {@link ConnectionState#CLOSED}. It keeps why the connection ends, which the hub's disconnect is told. The state
 * itself is moved by {@link HubConnectionContext}, which this asks to.
 */
final class Closing {

    private static final Logger log = LoggerFactory.getLogger(Closing.class);

    private final HubConnectionContext connection;
    private final Handshake handshake;
    private final OutgoingQueue outgoing;
    private final OutgoingMessages messages;
    private final ConnectionTimers timers;
    private final HubPresence presence;
    private final IncomingCalls calls;
    private final ClientResults results;
    private volatile Throwable closeError;
    private volatile Runnable onEnded = () -> { };

    Closing(HubConnectionContext connection, Handshake handshake, OutgoingQueue outgoing, OutgoingMessages messages,
            ConnectionTimers timers, HubPresence presence, IncomingCalls calls, ClientResults results) {
        this.connection = connection;
        this.handshake = handshake;
        this.outgoing = outgoing;
        this.messages = messages;
        this.timers = timers;
        this.presence = presence;
        this.calls = calls;
        this.results = results;
    }

    /** Records why the connection is ending, or, with null, that it goes on after all (its client resumed). */
    void cause(Throwable error) {
        closeError = error;
    }

    /** See {@link HubConnectionContext#onEnded}. */
    void onEnded(Runnable listener) {
        this.onEnded = listener;
    }

    /** See {@link HubConnectionContext#close}. */
    void close(CloseMessage message, Throwable error) {
        ConnectionState was = connection.beginClosing();
        if (was == null) {
            return;
        }
        closeError = error;
        if (connection.transportSender() == null || was == ConnectionState.DISCONNECTED) {
            // No transport to say goodbye on.
            connection.transportClosed(error);
            return;
        }
        if (was == ConnectionState.CONNECTED) {
            outgoing.offer(messages.protocol().write(message));
        }
        awaitClientClose();
        // After the Close: a stream it cuts must not look to the client as if it had ended normally.
        endStreams();
    }

    /** See {@link HubConnectionContext#terminate}. */
    void terminate() {
        connection.beginClosing();
        TransportSender current = connection.transportSender();
        if (current != null) {
            current.abort();
        }
        connection.transportClosed(null);
    }

    /** The handshake failed with {@code error}: the client is told, and the connection closes. */
    void failHandshake(String error) {
        if (connection.beginClosing() == null) {
            return;
        }
        log.debug("Handshake of connection {} failed: {}", connection.connectionId(), LogSafe.escape(error));
        closeError = new ProtocolException(error);
        handshake.refuse(error);
        awaitClientClose();
    }

    /**
     * Closes a client that let too much pile up, saying what in {@code reason}: more than a bound of the outgoing queue
     * waiting to be sent, or more than the stateful reconnect budget not acknowledged. What waits is dropped, so
     * memory is freed at once; the Close, which allows reconnecting, goes out behind the send in flight, and the
     * transport then ends with the reason too. A client that reads no more is cut off by the heartbeat after the
     * close timeout; one that is away (stateful reconnect) ends at once.
     */
    void tooSlow(String reason) {
        ConnectionState was = connection.beginClosing();
        if (was == null) {
            return;
        }
        if (was == ConnectionState.DISCONNECTED) {
            log.debug("Connection {} ends while its client is away: {}", connection.connectionId(), reason);
            connection.transportClosed(new IOException(reason));
            return;
        }
        log.warn("Closing connection {}: {}", connection.connectionId(), reason);
        closeError = new IOException(reason);
        endStreams();
        TransportSender transport = connection.transportSender();
        outgoing.closeWith(messages.protocol().write(new CloseMessage("Connection closed with an error. " + reason, true)),
                () -> transport.close(reason));
    }

    /** A send failed on a connection that is not kept for a reconnect: it ends, its transport aborted. */
    void sendFailed(Throwable failure) {
        outgoing.discard();
        log.debug("Send to connection {} failed", connection.connectionId(), failure);
        if (closeError == null) {
            closeError = failure;
        }
        connection.beginClosing();
        endStreams();
        connection.transportSender().abort();
    }

    /** The connection has just become {@link ConnectionState#CLOSED}: what ends with it. */
    void ended(Throwable error) {
        outgoing.discard();
        // At once rather than behind queued hub work, which might never finish.
        endStreams();
        Throwable cause = closeError != null ? closeError : error;
        if (presence.registered()) {
            // Queued behind onConnected, so whether it succeeded is settled when this runs; as in SignalR, a hub
            // whose onConnected failed is not told of the disconnect.
            calls.submit(() -> presence.disconnect(cause));
        }
        onEnded.run();
    }

    /**
     * Once the last message is written, the transport's closing handshake starts: a WebSocket sends its close
     * frame at once and waits for the client's, as RFC 6455 and ASP.NET Core do; the other transports wait for
     * the client to end them, as SignalR clients do on a Close or a handshake error. The heartbeat ends the
     * transport if the client has not answered within the close timeout.
     */
    private void awaitClientClose() {
        TransportSender transport = connection.transportSender();
        outgoing.closeAfterDrain(() -> {
            timers.closing();
            transport.startClosingHandshake();
        });
    }

    /**
     * Ends what is under way with the client, on every way a connection ends: leaves the lifetime manager, fails
     * the uploads (for the hub to see the connection go), cancels the streams sent, and fails the results it owes.
     */
    private void endStreams() {
        presence.leave();
        calls.end();
        results.end();
    }
}
