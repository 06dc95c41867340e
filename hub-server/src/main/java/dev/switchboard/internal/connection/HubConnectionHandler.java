package dev.switchboard.internal.connection;

import dev.switchboard.internal.protocol.InvocationMessage;
import dev.switchboard.internal.protocol.StreamInvocationMessage;
import java.util.concurrent.CompletionStage;

/**
 * The hub side of a connection: what the dispatcher does with each event. The connection calls these
 * one at a time, in order, off the transport's threads; each returned stage holds the connection's
 * queue until it completes.
 */
public interface HubConnectionHandler {

    CompletionStage<Void> onConnected(HubConnection connection);

    CompletionStage<Void> onInvocation(HubConnection connection, InvocationMessage invocation);

    CompletionStage<Void> onStreamInvocation(HubConnection connection, StreamInvocationMessage invocation);

    CompletionStage<Void> onDisconnected(HubConnection connection, Throwable error);
}
