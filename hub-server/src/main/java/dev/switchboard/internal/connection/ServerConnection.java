package dev.switchboard.internal.connection;

import dev.switchboard.ConnectionRequest;
import dev.switchboard.HubUser;
import dev.switchboard.Transport;
import dev.switchboard.internal.protocol.CloseMessage;
import dev.switchboard.internal.transport.TransportListener;
import dev.switchboard.internal.transport.TransportSender;
import java.util.concurrent.CompletableFuture;

/**
 * A connection as the HTTP layer and the connection manager see it, whatever it carries: a hub's
 * ({@link HubConnectionContext}) or a connection handler's ({@link RawConnectionContext}). Negotiate makes it,
 * requests find it by token, a transport takes it up and feeds it, and the heartbeat and shutdown end it.
 */
public interface ServerConnection extends TransportListener {

    /** {@return the public id} */
    String connectionId();

    /** {@return the secret token, the same as the id before negotiate version 1} */
    String connectionToken();

    /** {@return where the connection is in its life} */
    ConnectionState state();

    /** {@return the kind of transport carrying the connection, or null before one is attached} */
    Transport transport();

    /** {@return the user who started the connection, or null for an anonymous one} */
    HubUser user();

    /** Sets the user who started the connection, before a transport takes it up. */
    void user(HubUser user);

    /**
     * Gives the connection its transport. Only a negotiated connection can be attached, once.
     *
     * @return false when the connection is already in use, expired or closed
     */
    boolean attach(TransportSender transport, ConnectionRequest transportRequest);

    /** What {@code transport}, just attached, feeds. */
    TransportListener listenerFor(TransportSender transport);

    /**
     * Takes the connection up on the WebSocket its client reconnected with (stateful reconnect).
     *
     * @return what the transport feeds, or null when the connection is not waiting for its client
     */
    TransportListener resume(TransportSender transport);

    /** Negotiate offered stateful reconnect; a connection that cannot be resumed is never offered it. */
    void offerStatefulReconnect();

    /** Runs once the connection has ended; the connection manager forgets it then. */
    void onEnded(Runnable listener);

    /** Applies the connection's time-based rules: false once it has ended. */
    boolean tick(long now);

    /**
     * The server is shutting down: the connection finishes what it must and is then closed with
     * {@code goingAway}.
     *
     * @return completes once it is closing, or ending anyway
     */
    CompletableFuture<Void> drain(CloseMessage goingAway);

    /** Ends the connection once {@code message} (where it has a hub protocol) and what was queued are written. */
    void close(CloseMessage message, Throwable error);

    /** Ends the connection now, without waiting for the client to close its side: the server is going. */
    void terminate();
}
