package dev.switchboard.internal.connection;

import dev.switchboard.HubOptions;
import dev.switchboard.LogSafe;
import dev.switchboard.internal.protocol.AckMessage;
import dev.switchboard.internal.protocol.CancelInvocationMessage;
import dev.switchboard.internal.protocol.CloseMessage;
import dev.switchboard.internal.protocol.CompletionMessage;
import dev.switchboard.internal.protocol.HubMessage;
import dev.switchboard.internal.protocol.InvocationMessage;
import dev.switchboard.internal.protocol.ProtocolException;
import dev.switchboard.internal.protocol.SequenceMessage;
import dev.switchboard.internal.protocol.StreamInvocationMessage;
import dev.switchboard.internal.protocol.StreamItemMessage;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes what a connection's client sends once connected: calls go to the hub in order, off the transport's
 * threads, up to {@link HubOptions#maximumParallelInvocationsPerClient()} at once; cancellations, upload items and client results go straight to what waits for them.
 * Owns the connection's hub work, the streams it is sending and those its client uploads.
 */
final class IncomingCalls {

    private static final Logger log = LoggerFactory.getLogger(IncomingCalls.class);

    private final HubConnectionContext connection;
    private final ConnectionEvents events;
    private final HubOptions options;
    private final Executor hubExecutor;
    private final ClientResults results;
    private final InvocationQueue hubWork;
    private final ActiveStreams streams;
    private final UploadStreams uploads;
    /** The server is shutting down: calls that have not started are refused rather than run. */
    private volatile boolean draining;

    IncomingCalls(HubConnectionContext connection, ConnectionEvents events, HubOptions options, Executor hubExecutor,
                  ClientResults results) {
        this.connection = connection;
        this.events = events;
        this.options = options;
        this.hubExecutor = hubExecutor;
        this.results = results;
        this.hubWork = new InvocationQueue(hubExecutor, options.maximumParallelInvocationsPerClient());
        this.streams = new ActiveStreams(this::runCancellation);
        this.uploads = new UploadStreams(options.streamBufferCapacity(), hubExecutor);
    }

    /** One message from the client, on the transport's thread. */
    void route(HubMessage message) {
        if (message instanceof InvocationMessage invocation) {
            if (draining) {
                refuseWhileDraining(invocation.invocationId(), invocation.target(), () -> { });
                return;
            }
            Uploads opened = openUploads(invocation.target(), invocation.streamIds());
            queue(releasePlace -> draining
                    ? refuseWhileDraining(invocation.invocationId(), invocation.target(), opened::end)
                    : events.onInvocation(connection, invocation, opened, releasePlace));
        } else if (message instanceof StreamInvocationMessage invocation) {
            if (draining) {
                refuseWhileDraining(invocation.invocationId(), invocation.target(), () -> { });
                return;
            }
            // Registered now, not when its turn comes, so that a CancelInvocation right behind it finds it.
            ActiveStream stream = streams.register(invocation.invocationId());
            Uploads opened = openUploads(invocation.target(), invocation.streamIds());
            stream.onEnd(opened::end);
            queue(releasePlace -> draining
                    ? refuseWhileDraining(invocation.invocationId(), invocation.target(), stream::end)
                    : events.onStreamInvocation(connection, invocation, stream, opened));
        } else if (message instanceof CancelInvocationMessage cancel) {
            if (!streams.cancel(cancel.invocationId())) {
                // The stream may have ended while the client was cancelling it.
                log.debug("Connection {} cancelled unknown stream {}; ignored", connection.connectionId(),
                        LogSafe.escape(cancel.invocationId()));
            }
        } else if (message instanceof CompletionMessage completion && results.isPending(completion.invocationId())) {
            // A client result: completed here, on the transport's thread, so a hub call awaiting it cannot block it.
            results.complete(completion);
        } else if (message instanceof CloseMessage) {
            connection.close(CloseMessage.EMPTY, null);
        } else if (message instanceof AckMessage || message instanceof SequenceMessage) {
            connection.close(new CloseMessage("Connection closed with an error. Stateful reconnect was not "
                    + "negotiated for this connection.", true),
                    new ProtocolException("Unexpected " + message.getClass().getSimpleName()));
        } else if (message instanceof StreamItemMessage || message instanceof CompletionMessage) {
            // Straight to their upload, not behind hub work: the hub may be waiting for them. Those for ids no
            // upload has are ignored, as the protocol asks.
            if (!uploads.route(message)) {
                log.debug("Connection {} sent {} for an unknown id; ignored", connection.connectionId(),
                        message.getClass().getSimpleName());
            }
        }
    }

    /** Runs {@code work} alone, once all hub work queued so far has finished, whatever the connection's state. */
    void submit(Supplier<CompletionStage<Void>> work) {
        hubWork.submitExclusive(work);
    }

    /** From now on calls that have not started are refused; completes once the running ones have answered. */
    CompletableFuture<Void> drain() {
        draining = true;
        return hubWork.idle();
    }

    /** The connection is ending: fails the uploads (for the hub to see it go) and cancels the streams sent. */
    void end() {
        uploads.closeAll();
        streams.cancelAll();
    }

    /**
     * Answers a call that arrived, or whose turn came, once the server had begun shutting down: as in
     * ASP.NET Core, which stops reading a connection then, it does not run; unlike there, the caller is told
     * at once rather than by the Close. A call without an id cannot be answered and is only dropped.
     */
    private CompletionStage<Void> refuseWhileDraining(String invocationId, String target, Runnable release) {
        release.run();
        log.debug("Connection {} called '{}' while the server shuts down; refused", connection.connectionId(),
                LogSafe.escape(target));
        if (invocationId != null) {
            connection.send(CompletionMessage.withError(invocationId,
                    "Failed to invoke '" + target + "' because the server is shutting down."));
        }
        return null;
    }

    /**
     * Opens an invocation's uploads as it arrives, not when its turn comes, so that the items the client
     * sends right behind it find them.
     */
    private Uploads openUploads(String target, List<String> streamIds) {
        return streamIds.isEmpty() ? Uploads.NONE : uploads.open(streamIds, events.streamItemBinders(target));
    }

    /**
     * Queues hub work behind what came before it; skipped once the connection is ending (aborted by the
     * hub, refused, or gone), and refused when too much is waiting, which only a flooding client causes.
     */
    private void queue(Function<Runnable, CompletionStage<Void>> work) {
        if (hubWork.size() >= options.maximumPendingInvocations()) {
            String error = "Connection closed with an error. More than " + options.maximumPendingInvocations()
                    + " invocations were waiting to run.";
            log.warn("Closing connection {}: {}", connection.connectionId(), error);
            connection.close(new CloseMessage(error, false), new ProtocolException(error));
            return;
        }
        hubWork.submitReleasing(releasePlace -> connection.isEnding() ? null : work.apply(releasePlace));
    }

    /**
     * Runs what cancelling a stream does off the transport's threads; on this thread once the executor is
     * shut down, since cancelling releases what the stream holds.
     */
    private void runCancellation(Runnable cancellation) {
        try {
            hubExecutor.execute(cancellation);
        } catch (RejectedExecutionException e) {
            cancellation.run();
        }
    }
}
