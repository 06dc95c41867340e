package dev.switchboard.internal.connection;

import dev.switchboard.internal.protocol.InvocationMessage;
import dev.switchboard.internal.protocol.StreamInvocationMessage;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A connection handler that does nothing and completes every stage at once; tests override what they watch. */
public class NoOpHandler implements HubConnectionHandler {

    @Override
    public void onHandshake(HubConnection connection) {
    }

    @Override
    public void onClosed(HubConnection connection) {
    }

    @Override
    public CompletionStage<Void> onConnected(HubConnection connection) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> onInvocation(HubConnection connection, InvocationMessage invocation,
                                                      Uploads uploads) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> onStreamInvocation(HubConnection connection, StreamInvocationMessage invocation,
                                                    ActiveStream stream, Uploads uploads) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> onDisconnected(HubConnection connection, Throwable error) {
        return CompletableFuture.completedFuture(null);
    }
}
