package dev.switchboard.internal.connection;

import dev.switchboard.internal.protocol.AckMessage;
import dev.switchboard.internal.protocol.HubMessage;
import dev.switchboard.internal.protocol.Payload;
import dev.switchboard.internal.protocol.ProtocolException;
import dev.switchboard.internal.protocol.SequenceMessage;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The bookkeeping of one stateful connection, as SignalR's {@code MessageBuffer}: both sides number the
 * trackable messages they send (types 1 to 5) 1, 2, 3, ... without writing the numbers on the wire.
 *
 * <p>Outgoing: each trackable payload is kept, the very instance a broadcast hands every connection, until the client
 * acknowledges it, within {@code budget} bytes; after a reconnect the server sends Sequence with the id of the
 * first one kept, then those kept, in order. Incoming: the highest id processed is acknowledged about once a
 * second, and after a reconnect what the client sends again is counted from its Sequence and dropped up to
 * that id. Only connections that negotiated stateful reconnect have one.
 */
final class StatefulReconnect {

    private final int budget;
    private final ArrayDeque<Payload> unacknowledged = new ArrayDeque<>();
    /** The id of the first message kept, or of the next one sent when none is. */
    private long firstKept = 1;
    private long keptBytes;
    /** The highest id of the client's messages processed. */
    private long latestReceived;
    /** The id the client's next trackable message carries. */
    private long nextReceiving = 1;
    private long latestAcknowledged;
    /** Resumed and waiting for the client's Sequence: what comes before it is dropped, as the clients do. */
    private boolean awaitingSequence;

    StatefulReconnect(int budget) {
        this.budget = budget;
    }

    /** Whether a message is numbered and kept for a resend. */
    static boolean trackable(HubMessage message) {
        int type = message.type();
        return type >= 1 && type <= 5;
    }

    /**
     * Numbers and keeps a trackable payload the connection is about to queue.
     *
     * @return false, keeping nothing, when it would take what is kept past the budget
     */
    synchronized boolean keep(Payload payload) {
        if (keptBytes + payload.size() > budget) {
            return false;
        }
        unacknowledged.add(payload);
        keptBytes += payload.size();
        return true;
    }

    /** The client has every message up to {@code sequenceId}: they need not be kept any more. */
    private void acknowledged(long sequenceId) {
        while (!unacknowledged.isEmpty() && firstKept <= sequenceId) {
            keptBytes -= unacknowledged.poll().size();
            firstKept++;
        }
    }

    /**
     * Prepares the resend of a resumed connection: from now on the client's messages are dropped until its
     * Sequence.
     *
     * @return the Sequence to send first, then the messages kept, in order
     */
    synchronized Resend resume() {
        awaitingSequence = true;
        return new Resend(new SequenceMessage(firstKept), List.copyOf(unacknowledged));
    }

    /**
     * Judges one message from the client: an Ack or a Sequence is handled here; a trackable message is
     * processed unless it repeats one processed before the reconnect.
     *
     * @return whether the connection should route the message
     * @throws ProtocolException when a Sequence names an id past the messages received
     */
    synchronized boolean shouldProcess(HubMessage message) throws ProtocolException {
        if (message instanceof SequenceMessage sequence) {
            if (sequence.sequenceId() < 1 || sequence.sequenceId() > latestReceived + 1) {
                throw new ProtocolException("Sequence ID " + sequence.sequenceId()
                        + " is greater than the amount of messages the server has received (" + latestReceived + ").");
            }
            awaitingSequence = false;
            nextReceiving = sequence.sequenceId();
            return false;
        }
        if (awaitingSequence) {
            return false;
        }
        if (message instanceof AckMessage ack) {
            acknowledged(ack.sequenceId());
            return false;
        }
        if (!trackable(message)) {
            return true;
        }
        long id = nextReceiving++;
        if (id <= latestReceived) {
            return false;
        }
        latestReceived = id;
        return true;
    }

    /** {@return an Ack of what arrived since the last one, or null when nothing did} */
    synchronized AckMessage acknowledgement() {
        if (latestReceived <= latestAcknowledged) {
            return null;
        }
        latestAcknowledged = latestReceived;
        return new AckMessage(latestReceived);
    }

    /** What a resumed connection sends before anything else. */
    record Resend(SequenceMessage sequence, List<Payload> kept) {
    }
}
