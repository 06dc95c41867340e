package dev.switchboard.internal.connection;

import dev.switchboard.internal.protocol.InvocationMessage;
import dev.switchboard.internal.protocol.StreamInvocationMessage;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A connection handler that does nothing and completes every stage at once; tests override what they watch. */
public class NoOpHandler implements ConnectionEvents {

    @Override
    public void onHandshake(HubConnectionContext connection) {
    }

    @Override
    public void onClosed(HubConnectionContext connection) {
    }

    @Override
    public CompletionStage<Void> onConnected(HubConnectionContext connection) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> onInvocation(HubConnectionContext connection, InvocationMessage invocation,
                                                      Uploads uploads) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> onStreamInvocation(HubConnectionContext connection, StreamInvocationMessage invocation,
                                                    ActiveStream stream, Uploads uploads) {
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Void> onDisconnected(HubConnectionContext connection, Throwable error) {
        return CompletableFuture.completedFuture(null);
    }
}
