package dev.switchboard.internal.connection;

import dev.switchboard.Transport;
import dev.switchboard.internal.protocol.HandshakeProtocol;
import dev.switchboard.internal.protocol.HandshakeRequest;
import dev.switchboard.internal.protocol.HubProtocol;
import dev.switchboard.internal.protocol.InputBuffer;
import dev.switchboard.internal.protocol.ProtocolException;
import dev.switchboard.internal.protocol.TransferFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A connection's first exchange: the protocol and version its client asks for, the registration with the hub that
 * must come before the reply, and the reply, or the error that ends the connection.
 */
final class Handshake {

    private final HandshakeProtocol handshake;
    private final Map<String, HubProtocol> protocols;
    private final int maxMessageSize;
    private final OutgoingQueue outgoing;
    private final OutgoingMessages messages;
    private final ConnectionTimers clock;
    private final HubPresence presence;

    Handshake(HandshakeProtocol handshake, Map<String, HubProtocol> protocols, int maxMessageSize,
              OutgoingQueue outgoing, OutgoingMessages messages, ConnectionTimers clock, HubPresence presence) {
        this.handshake = handshake;
        this.protocols = protocols;
        this.maxMessageSize = maxMessageSize;
        this.outgoing = outgoing;
        this.messages = messages;
        this.clock = clock;
        this.presence = presence;
    }

    /**
     * Reads the handshake request in {@code input}. Once a protocol is agreed, hub messages are written in it and
     * held behind the reply, which {@link #register} lets go.
     *
     * @param transport carries the connection: a protocol must suit its transfer formats
     * @return null while the request is incomplete; otherwise null for an agreed protocol, or why it failed
     */
    Result read(InputBuffer input, Transport transport) {
        HandshakeRequest requested;
        try {
            requested = handshake.parseRequest(input, maxMessageSize);
        } catch (ProtocolException e) {
            return Result.failed("An unexpected error occurred during connection handshake. " + e.getMessage());
        }
        if (requested == null) {
            return null;
        }
        HubProtocol chosen = protocols.get(requested.protocol().toLowerCase(Locale.ROOT));
        if (chosen == null) {
            return Result.failed("The protocol '" + requested.protocol() + "' is not supported.");
        }
        if (requested.version() > chosen.version() || requested.version() < 0) {
            return Result.failed("The server does not support version " + requested.version() + " of the '"
                    + chosen.name() + "' protocol.");
        }
        String format = chosen.transferFormat().wireName();
        if (!transport.transferFormats().contains(format)) {
            return Result.failed("Cannot use the '" + chosen.name() + "' protocol on the current transport. "
                    + "The transport does not support '" + format + "' transfer format.");
        }
        messages.protocol(chosen);
        outgoing.cork();
        // Set before the heartbeat can see the connection connected: no Ping is due until the reply has had a
        // keep-alive interval to leave.
        clock.sent();
        return Result.agreed(requested.version());
    }

    /**
     * Registers the connection with its hub before the handshake reply leaves, so that nothing sent to it
     * once the client knows it is connected can miss it; the cork keeps those sends behind the reply, which
     * must come first. Runs on the hub executor, since registering runs user code (the user id provider),
     * and ahead of any invocation that arrived with the handshake.
     *
     * @param ending whether the connection is closing or closed
     * @param fail fails the handshake with this error
     * @return the hub's connect callback, or null when it does not run
     */
    CompletionStage<Void> register(BooleanSupplier ending, Consumer<String> fail) {
        if (ending.getAsBoolean()) {
            // Closed before it was registered: the reply still goes first, then whatever Close is held.
            outgoing.uncork(handshake.success());
            return null;
        }
        if (!presence.register()) {
            outgoing.uncork(null);
            fail.accept("An unexpected error occurred during connection handshake.");
            return null;
        }
        outgoing.format(messages.protocol().transferFormat());
        outgoing.uncork(handshake.success());
        clock.sent();
        return ending.getAsBoolean() ? null : presence.connect();
    }

    /** Answers a failed handshake with {@code error}, as text whatever protocol was asked for. */
    void refuse(String error) {
        outgoing.format(TransferFormat.TEXT);
        outgoing.offer(handshake.error(error));
    }

    /**
     * What a complete handshake request came to.
     *
     * @param error why it failed, for the client; null when a protocol was agreed
     * @param version the protocol version the client asked for; 2 and up allow stateful reconnect
     */
    record Result(String error, int version) {

        static Result agreed(int version) {
            return new Result(null, version);
        }

        static Result failed(String error) {
            return new Result(error, 0);
        }
    }
}
