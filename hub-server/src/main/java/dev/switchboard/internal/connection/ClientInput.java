package dev.switchboard.internal.connection;

import dev.switchboard.LogSafe;
import dev.switchboard.internal.protocol.CloseMessage;
import dev.switchboard.internal.protocol.HubMessage;
import dev.switchboard.internal.protocol.InputBuffer;
import dev.switchboard.internal.protocol.ProtocolException;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a connection's client sends, as its transport hands it over: bytes gathered into whole records, the
 * handshake first, then hub messages, judged by stateful reconnect's bookkeeping when it is on and routed by
 * {@link IncomingCalls}. One transport unit at a time; bad input closes the connection with the error.
 */
final class ClientInput {

    private static final Logger log = LoggerFactory.getLogger(ClientInput.class);

    private final HubConnectionContext connection;
    private final Handshake handshake;
    private final OutgoingMessages messages;
    private final IncomingCalls calls;
    private final ConnectionTimers timers;
    private final int maxMessageSize;
    private final InputBuffer input = new InputBuffer();

    ClientInput(HubConnectionContext connection, Handshake handshake, OutgoingMessages messages, IncomingCalls calls,
                ConnectionTimers timers, int maxMessageSize) {
        this.connection = connection;
        this.handshake = handshake;
        this.messages = messages;
        this.calls = calls;
        this.timers = timers;
        this.maxMessageSize = maxMessageSize;
    }

    void receive(ByteBuffer data) {
        synchronized (input) {
            ConnectionState current = connection.state();
            if (current != ConnectionState.HANDSHAKING && current != ConnectionState.CONNECTED) {
                return;
            }
            timers.received();
            input.append(data);
            try {
                if (current == ConnectionState.HANDSHAKING && !readHandshake()) {
                    return;
                }
                messages.protocol().parseMessages(input, maxMessageSize, this::onMessage);
            } catch (ProtocolException e) {
                closeWith(e);
            }
        }
    }

    /** A record the lost transport left unfinished is not continued by the new one; nothing is read meanwhile. */
    void dropPartialRecord() {
        synchronized (input) {
            input.skip(input.readable());
        }
    }

    private boolean readHandshake() {
        Handshake.Result result = handshake.read(input, connection.transport());
        if (result == null) {
            return false;
        }
        if (result.error() != null) {
            connection.failHandshake(result.error());
            return false;
        }
        return connection.handshaken(result.version());
    }

    private void onMessage(HubMessage message) {
        if (connection.state() != ConnectionState.CONNECTED) {
            return;
        }
        Resumption resumption = connection.resumption();
        try {
            if (resumption == null || resumption.shouldProcess(message)) {
                calls.route(message);
            }
        } catch (ProtocolException e) {
            closeWith(e);
        }
    }

    private void closeWith(ProtocolException error) {
        log.debug("Connection {} sent bad input: {}", connection.connectionId(), LogSafe.escape(error.getMessage()));
        connection.close(new CloseMessage("Connection closed with an error. " + error.getMessage(), true), error);
    }
}
