package dev.switchboard.internal.dispatch;

import com.fasterxml.jackson.databind.JavaType;
import dev.switchboard.HubException;
import dev.switchboard.LogSafe;
import dev.switchboard.internal.connection.ActiveStream;
import dev.switchboard.internal.connection.HubConnectionContext;
import dev.switchboard.internal.protocol.CompletionMessage;
import dev.switchboard.internal.protocol.StreamItemMessage;
import java.util.Map;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what a streaming hub method publishes to the client that asked: each item as a StreamItem, then
 * one Completion, with an error when the publisher fails. One item is requested at a time, and the next
 * only once the connection has room for it, so a slow client holds the publisher back instead of filling
 * memory. Cancelling (by the client, or as the connection ends) cancels the subscription and completes
 * the stream without an error, as SignalR does.
 */
final class StreamSender implements Flow.Subscriber<Object> {

    private static final Logger log = LoggerFactory.getLogger(StreamSender.class);

    private final HubConnectionContext connection;
    private final ActiveStream stream;
    private final String target;
    /** The hub and method, as the log names them: {@code ChatHub.counter}. */
    private final String method;
    private final JavaType itemType;
    private final boolean detailedErrors;
    private final AtomicBoolean finished = new AtomicBoolean();
    /** Items requested and not yet received; a publisher that sends more breaks the bound on memory. */
    private final AtomicLong outstanding = new AtomicLong();
    /** Calls of {@link #requestNext} in progress; the first one issues them all, see there. */
    private final AtomicInteger requesting = new AtomicInteger();
    private volatile Flow.Subscription subscription;

    StreamSender(HubConnectionContext connection, ActiveStream stream, String hubName, String target, JavaType itemType,
                 boolean detailedErrors) {
        this.connection = connection;
        this.stream = stream;
        this.target = target;
        this.method = hubName + "." + LogSafe.escape(target);
        this.itemType = itemType;
        this.detailedErrors = detailedErrors;
    }

    @Override
    public void onSubscribe(Flow.Subscription given) {
        if (subscription != null || finished.get()) {
            given.cancel();
            return;
        }
        subscription = given;
        log.debug("Streaming '{}' to connection {} as {}", LogSafe.escape(target), connection.connectionId(),
                LogSafe.escape(stream.invocationId()));
        requestNext();
    }

    @Override
    public void onNext(Object item) {
        if (finished.get()) {
            return;
        }
        if (outstanding.decrementAndGet() < 0) {
            abandon(new IllegalStateException("The publisher of '" + target + "' sent more items than requested"));
            return;
        }
        try {
            connection.send(new StreamItemMessage(stream.invocationId(), item, itemType, Map.of()));
        } catch (RuntimeException e) {
            abandon(e);
            return;
        }
        requestNext();
    }

    @Override
    public void onError(Throwable failure) {
        if (finished.get()) {
            log.debug("Stream '{}' failed after it ended", LogSafe.escape(target), failure);
            return;
        }
        if (failure instanceof HubException) {
            log.debug("The stream of {} ended with: {}", method, LogSafe.escape(failure.getMessage()));
        } else {
            log.error("The stream of {} failed for connection {}", method, connection.connectionId(), failure);
        }
        finish(ErrorMessages.build("An error occurred on the server while streaming results.", failure,
                detailedErrors));
    }

    @Override
    public void onComplete() {
        finish(null);
    }

    /** The client cancelled, or the connection is ending: the publisher is told, the stream completes. */
    void cancel() {
        if (finish(null)) {
            log.debug("Stream {} of connection {} cancelled", LogSafe.escape(stream.invocationId()),
                    connection.connectionId());
            cancelSubscription();
        }
    }

    /**
     * Asks for one more item now if the connection has room, else once it has. A publisher that delivers
     * inside {@code request} calls back here before it returns: that call only counts itself, and the
     * first one asks again once {@code request} has returned, so the stack does not grow with each item.
     */
    private void requestNext() {
        if (requesting.getAndIncrement() != 0) {
            return;
        }
        do {
            if (!finished.get() && connection.streamItemRoom(this::requestNext)) {
                outstanding.incrementAndGet();
                try {
                    subscription.request(1);
                } catch (RuntimeException e) {
                    abandon(e);
                }
            }
        } while (requesting.decrementAndGet() != 0);
    }

    /** Ends the stream with an error of ours, not the publisher's; the publisher is told to stop. */
    private void abandon(RuntimeException failure) {
        onError(failure);
        cancelSubscription();
    }

    private void cancelSubscription() {
        Flow.Subscription current = subscription;
        if (current == null) {
            return;
        }
        try {
            current.cancel();
        } catch (RuntimeException e) {
            log.warn("Cancelling the publisher of '{}' failed", LogSafe.escape(target), e);
        }
    }

    /** Sends the Completion once; its id is freed first, so the client may reuse it as soon as it has it. */
    private boolean finish(String error) {
        if (!finished.compareAndSet(false, true)) {
            return false;
        }
        stream.end();
        connection.send(error == null ? CompletionMessage.empty(stream.invocationId())
                : CompletionMessage.withError(stream.invocationId(), error));
        return true;
    }
}
