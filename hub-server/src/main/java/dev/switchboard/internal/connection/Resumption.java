package dev.switchboard.internal.connection;

import dev.switchboard.LogSafe;
import dev.switchboard.Transport;
import dev.switchboard.internal.protocol.AckMessage;
import dev.switchboard.internal.protocol.HubMessage;
import dev.switchboard.internal.protocol.ProtocolException;
import dev.switchboard.internal.transport.TransportListener;
import dev.switchboard.internal.transport.TransportSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stateful reconnect for a connection negotiate offered it to: which WebSocket is the connection's, keeping the
 * connection when that socket drops and handing it the client's new one, and, once a version 2 handshake over a
 * WebSocket has turned it on, the {@link StatefulReconnect} bookkeeping. The connection's state moves through its
 * {@link HubConnectionContext#disconnect} and {@link HubConnectionContext#reconnect}. Connections that were not
 * offered it have none.
 */
final class Resumption {

    private static final Logger log = LoggerFactory.getLogger(Resumption.class);

    private final HubConnectionContext connection;
    private final OutgoingMessages messages;
    private final ClientInput input;
    private final int budget;
    /**
     * Orders a lost WebSocket's end before its replacement's start. Never taken while waiting for another lock of
     * the connection's, since a send failing under the lock trackable sends hold reports here.
     */
    private final Object lock = new Object();
    /** Null until a version 2 handshake over a WebSocket turns stateful reconnect on. */
    private volatile StatefulReconnect bookkeeping;

    Resumption(HubConnectionContext connection, OutgoingMessages messages, ClientInput input, int budget) {
        this.connection = connection;
        this.messages = messages;
        this.input = input;
        this.budget = budget;
    }

    /** What {@code transport} feeds: see {@link CurrentTransport}. */
    TransportListener listenerFor(TransportSender transport) {
        return new CurrentTransport(connection, this, transport);
    }

    /** The handshake asked for {@code version} over {@code transport}: from 2 over a WebSocket, it is on. */
    void handshake(int version, Transport transport) {
        if (version >= 2 && transport == Transport.WEB_SOCKETS) {
            bookkeeping = new StatefulReconnect(budget);
            messages.statefulReconnect(bookkeeping);
        }
    }

    /** {@return whether it is on} */
    boolean on() {
        return bookkeeping != null;
    }

    /** See {@link StatefulReconnect#shouldProcess}; every message is processed while it is off. */
    boolean shouldProcess(HubMessage message) throws ProtocolException {
        StatefulReconnect on = bookkeeping;
        return on == null || on.shouldProcess(message);
    }

    /** Acknowledges what the client sent since the last Ack. */
    void acknowledge() {
        StatefulReconnect on = bookkeeping;
        AckMessage ack = on == null ? null : on.acknowledgement();
        if (ack != null) {
            messages.send(ack);
        }
    }

    /**
     * {@code transport} ended, or a send on it failed: a connection that is on and lost its socket without a close
     * is kept for its client to {@link #resume}; any other ends. What a replaced socket reports is ignored.
     */
    void socketClosed(TransportSender transport, Throwable error) {
        synchronized (lock) {
            if (transport != connection.transportSender() || connection.state() == ConnectionState.DISCONNECTED) {
                return;
            }
            if (error == null || !on() || !connection.disconnect(error)) {
                connection.transportClosed(error);
                return;
            }
        }
        transport.abort();
        log.debug("Connection {} lost its WebSocket ({}); kept for its client to reconnect", connection.connectionId(),
                LogSafe.escape(error));
    }

    /**
     * Takes the connection up on {@code transport}, the client's new WebSocket: the client is sent a Sequence, then
     * every message it has not acknowledged, and the connection goes on.
     *
     * @return what the transport feeds, or null when the connection no longer waits for its client
     */
    TransportListener resume(TransportSender transport) {
        input.dropPartialRecord();
        synchronized (lock) {
            if (!connection.reconnect(transport)) {
                return null;
            }
        }
        // Outside the lock: see the lock.
        messages.resume(transport);
        log.debug("Connection {} resumed on a new WebSocket", connection.connectionId());
        return listenerFor(transport);
    }
}
