package dev.switchboard.internal.connection;

import dev.switchboard.HubOptions;
import dev.switchboard.internal.protocol.CloseMessage;
import dev.switchboard.internal.protocol.PingMessage;
import dev.switchboard.internal.transport.TransportSender;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A connection's time-based rules, applied by the heartbeat: negotiated connections expire, handshakes time out,
 * idle connections get a Ping, stateful ones an Ack of what arrived, silent clients are closed, a client that does
 * not reconnect in time ends its stateful connection, and a close the client never finished is cut short. It
 * keeps the times they are judged by: since when the connection is in its state, when it began closing, when it
 * last heard from its client and last queued something for it.
 */
final class ConnectionTimers {

    /** How long a closing connection waits for its client to end the transport. */
    static final long CLOSE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(5);

    /** What the heartbeat finds due for a connection. */
    private enum Due {
        NOTHING,
        /** Negotiated, never taken up by a transport, for the disconnect timeout. */
        EXPIRE,
        /** No handshake within the handshake timeout. */
        HANDSHAKE_TIMEOUT,
        /** Nothing from the client within the client timeout. */
        CLIENT_TIMEOUT,
        /** Nothing sent for the keep-alive interval. */
        PING,
        /** Closing, and the client has not ended the transport within the close timeout. */
        CLOSE_TIMEOUT,
        /** Disconnected, and the client has not reconnected within the disconnect timeout. */
        RECONNECT_WINDOW_PASSED
    }

    private final HubConnectionContext connection;
    private final HubOptions options;
    private volatile long stateSince = System.nanoTime();
    private volatile long closingSince;
    private volatile long lastReceived;
    private volatile long lastSent;

    ConnectionTimers(HubConnectionContext connection, HubOptions options) {
        this.connection = connection;
        this.options = options;
    }

    /**
     * Applies whichever rule is due now.
     *
     * @return false once the connection has ended and can be forgotten
     */
    boolean tick(long now) {
        TransportSender transport = connection.transportSender();
        Resumption resumption = connection.resumption();
        if (resumption != null && connection.state() == ConnectionState.CONNECTED) {
            resumption.acknowledge();
        }
        switch (due(connection.state(), transport != null && transport.inherentKeepAlive(), now)) {
            case EXPIRE -> connection.expire();
            case HANDSHAKE_TIMEOUT -> connection.failHandshake("Handshake was canceled.");
            case CLIENT_TIMEOUT -> {
                String reason = "Server closed the connection: nothing received from the client for "
                        + options.clientTimeoutInterval().toMillis() + " ms.";
                connection.close(new CloseMessage(reason, true), new TimeoutException(reason));
            }
            case PING -> connection.send(PingMessage.INSTANCE);
            case CLOSE_TIMEOUT -> connection.terminate();
            case RECONNECT_WINDOW_PASSED -> connection.reconnectWindowPassed();
            case NOTHING -> { }
        }
        return connection.state() != ConnectionState.CLOSED;
    }

    /** A transport took the connection up: the handshake timeout runs from now. */
    void attached() {
        long now = System.nanoTime();
        stateSince = now;
        lastReceived = now;
    }

    /** The transport was lost: the disconnect timeout runs from now. */
    void disconnected() {
        stateSince = System.nanoTime();
    }

    void received() {
        lastReceived = System.nanoTime();
    }

    void sent() {
        lastSent = System.nanoTime();
    }

    /** The close timeout runs from now: closing began, or the last message has just been written. */
    void closing() {
        closingSince = System.nanoTime();
    }

    /**
     * @param inherentKeepAlive whether the transport keeps the connection alive itself, as long polling does:
     *        then neither Pings nor the client timeout apply
     */
    private Due due(ConnectionState state, boolean inherentKeepAlive, long now) {
        return switch (state) {
            case NEGOTIATED -> now - stateSince > options.disconnectTimeout().toNanos() ? Due.EXPIRE : Due.NOTHING;
            case HANDSHAKING -> now - stateSince > options.handshakeTimeout().toNanos()
                    ? Due.HANDSHAKE_TIMEOUT : Due.NOTHING;
            case CONNECTED -> {
                if (inherentKeepAlive) {
                    yield Due.NOTHING;
                }
                if (now - lastReceived > options.clientTimeoutInterval().toNanos()) {
                    yield Due.CLIENT_TIMEOUT;
                }
                yield now - lastSent >= options.keepAliveInterval().toNanos() ? Due.PING : Due.NOTHING;
            }
            case DISCONNECTED -> now - stateSince > options.disconnectTimeout().toNanos()
                    ? Due.RECONNECT_WINDOW_PASSED : Due.NOTHING;
            case CLOSING -> {
                long since = closingSince;
                yield since != 0 && now - since > CLOSE_TIMEOUT_NANOS ? Due.CLOSE_TIMEOUT : Due.NOTHING;
            }
            case CLOSED -> Due.NOTHING;
        };
    }
}
