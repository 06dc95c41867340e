package dev.switchboard.internal.connection;

import dev.switchboard.internal.protocol.InvocationMessage;
import dev.switchboard.internal.protocol.StreamInvocationMessage;
import java.util.concurrent.CompletionStage;

/**
 * The hub side of a connection: what the dispatcher does with each event. Apart from {@link #onClosed},
 * the connection calls these one at a time, in order, off the transport's threads; each returned stage
 * holds the connection's queue until it completes.
 */
public interface HubConnectionHandler {

    /**
     * The handshake succeeded and its reply is held until this returns, so that the connection is
     * reachable from the moment the client knows it is connected. Runs first in the connection's order.
     */
    void onHandshake(HubConnection connection);

    /**
     * The transport has ended: forget the connection now, on the caller's thread, without waiting for hub
     * work still queued. Called for every connection, registered or not.
     */
    void onClosed(HubConnection connection);

    /** Runs the hub's connect callback; a failed stage means the hub refused the connection. */
    CompletionStage<Void> onConnected(HubConnection connection);

    CompletionStage<Void> onInvocation(HubConnection connection, InvocationMessage invocation);

    /**
     * A StreamInvocation, with the stream the connection registered for it: the handler sets what
     * cancelling it does, and ends it when its Completion is sent. The returned stage should complete
     * once the stream has started, not when it ends, so that the connection's other calls run meanwhile.
     */
    CompletionStage<Void> onStreamInvocation(HubConnection connection, StreamInvocationMessage invocation,
                                             ActiveStream stream);

    CompletionStage<Void> onDisconnected(HubConnection connection, Throwable error);
}
