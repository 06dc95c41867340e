package dev.switchboard.internal.connection;

import dev.switchboard.internal.protocol.InvocationMessage;
import dev.switchboard.internal.protocol.StreamInvocationMessage;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The hub side of a connection: what the dispatcher does with each event. Apart from {@link #onClosed},
 * the connection calls these in order, off the transport's threads, invocations up to
 * {@code maximumParallelInvocationsPerClient} at once and the rest alone; each returned stage holds its place
 * in the connection's queue until it completes.
 */
public interface ConnectionEvents {

    /**
     * The handshake succeeded and its reply is held until this returns, so that the connection is
     * reachable from the moment the client knows it is connected. Runs first in the connection's order.
     */
    void onHandshake(HubConnectionContext connection);

    /**
     * The connection is closing or its transport has ended: forget it now, on the caller's thread, without
     * waiting for hub work still queued. Called once for every connection, registered or not.
     */
    void onClosed(HubConnectionContext connection);

    /** Runs the hub's connect callback; a failed stage means the hub refused the connection. */
    CompletionStage<Void> onConnected(HubConnectionContext connection);

    /**
     * How the items of each stream an invocation of {@code target} uploads are bound: one binder per upload
     * parameter, in order; empty when the target takes none or is unknown. Called on the transport's thread
     * as the invocation arrives, so that its streams are open before their items come: it must be quick.
     */
    default List<StreamItemBinder> streamItemBinders(String target) {
        return List.of();
    }

    /**
     * An Invocation, with the streams the client uploads with it: the handler ends them
     * ({@link Uploads#end}) once the invocation is over.
     */
    CompletionStage<Void> onInvocation(HubConnectionContext connection, InvocationMessage invocation, Uploads uploads);

    /**
     * As {@link #onInvocation(HubConnectionContext, InvocationMessage, Uploads)}, with what gives up the call's place
     * among the connection's running calls before its stage completes: ASP.NET Core frees it when the hub method
     * asks a client for a result.
     */
    default CompletionStage<Void> onInvocation(HubConnectionContext connection, InvocationMessage invocation,
                                               Uploads uploads, Runnable releasePlace) {
        return onInvocation(connection, invocation, uploads);
    }

    /**
     * A StreamInvocation, with the stream the connection registered for it: the handler sets what
     * cancelling it does, and ends it when its Completion is sent, which ends the streams the client uploads
     * with it too. The returned stage should complete once the stream has started, not when it ends, so
     * that the connection's other calls run meanwhile.
     */
    CompletionStage<Void> onStreamInvocation(HubConnectionContext connection, StreamInvocationMessage invocation,
                                             ActiveStream stream, Uploads uploads);

    CompletionStage<Void> onDisconnected(HubConnectionContext connection, Throwable error);
}
