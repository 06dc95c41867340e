package dev.switchboard.internal.connection;

import dev.switchboard.internal.transport.TransportListener;
import dev.switchboard.internal.transport.TransportSender;
import java.nio.ByteBuffer;

/**
 * What a WebSocket of a connection that may be resumed feeds: its bytes count only while it is the connection's
 * transport, and its end goes to the connection's {@link Resumption}, so that a lost socket reporting late cannot
 * touch the connection resumed on another.
 */
record CurrentTransport(HubConnectionContext connection, Resumption resumption, TransportSender transport)
        implements TransportListener {

    @Override
    public void receive(ByteBuffer data) {
        if (connection.transportSender() == transport) {
            connection.receive(data);
        }
    }

    @Override
    public void transportClosed(Throwable error) {
        resumption.socketClosed(transport, error);
    }
}
