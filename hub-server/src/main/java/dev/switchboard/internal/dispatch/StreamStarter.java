package dev.switchboard.internal.dispatch;

import dev.switchboard.internal.connection.ActiveStream;
import dev.switchboard.internal.connection.HubConnectionContext;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;

/**
 * Starts the stream a streaming hub method returned: awaits a returned future without holding anything,
 * turns the value into a publisher and subscribes a {@link StreamSender} to it on the hub executor, so
 * that a publisher producing on the subscribing thread holds neither the connection's calls nor a
 * transport thread.
 */
final class StreamStarter {

    /** Answers a call that failed before its stream could start. */
    interface Failure {
        void report(HubConnectionContext connection, String invocationId, String target, Throwable failure);
    }

    private final String hubName;
    private final boolean detailedErrors;
    private final Failure failure;

    /** @param hubName the hub's simple name, for the log */
    StreamStarter(String hubName, boolean detailedErrors, Failure failure) {
        this.hubName = hubName;
        this.detailedErrors = detailedErrors;
        this.failure = failure;
    }

    /** Starts the stream of {@code returned}, what {@code method} returned for the call of {@code stream}. */
    void start(HubConnectionContext connection, ActiveStream stream, String target, HubMethodDescriptor method,
               Object returned) {
        if (!method.streaming().deferred()) {
            subscribe(connection, stream, target, method, returned);
        } else if (returned == null) {
            fail(connection, stream, target,
                    new NullPointerException(method.describe() + " returned null instead of a future"));
        } else {
            ((CompletionStage<?>) returned).whenComplete((value, error) -> {
                if (error != null) {
                    fail(connection, stream, target, error);
                } else {
                    subscribe(connection, stream, target, method, value);
                }
            });
        }
    }

    private void subscribe(HubConnectionContext connection, ActiveStream stream, String target, HubMethodDescriptor method,
                           Object value) {
        Flow.Publisher<?> publisher;
        try {
            if (value == null) {
                throw new NullPointerException(method.describe() + " returned null instead of a stream");
            }
            publisher = method.streaming().toPublisher(value, connection.hubExecutor());
        } catch (RuntimeException e) {
            fail(connection, stream, target, e);
            return;
        }
        StreamSender sender = new StreamSender(connection, stream, hubName, target,
                method.streaming().serializedItemType(), detailedErrors);
        stream.onCancel(sender::cancel);
        Runnable subscribe = () -> {
            try {
                publisher.subscribe(sender);
            } catch (RuntimeException e) {
                sender.onError(e);
            }
        };
        try {
            connection.hubExecutor().execute(subscribe);
        } catch (RejectedExecutionException e) {
            // Shutting down: subscribed only to be cancelled, so that what the method opened is closed.
            sender.cancel();
            subscribe.run();
        }
    }

    private void fail(HubConnectionContext connection, ActiveStream stream, String target, Throwable error) {
        stream.end();
        failure.report(connection, stream.invocationId(), target, error);
    }
}
