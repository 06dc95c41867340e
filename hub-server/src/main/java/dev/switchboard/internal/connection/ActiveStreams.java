package dev.switchboard.internal.connection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/** The streams one connection is sending, by invocation id; all are cancelled when the connection ends. */
final class ActiveStreams {

    private final Map<String, ActiveStream> streams = new HashMap<>();
    private final Executor cancellations;
    private boolean ended;

    /** @param cancellations runs what cancelling a stream does, off the transport's threads */
    ActiveStreams(Executor cancellations) {
        this.cancellations = cancellations;
    }

    /**
     * Registers a stream for {@code invocationId}. When the id is in use, the stream returned says so and
     * is not registered; once the connection has ended, it comes cancelled.
     */
    ActiveStream register(String invocationId) {
        ActiveStream stream;
        synchronized (this) {
            if (streams.containsKey(invocationId)) {
                return new ActiveStream(invocationId, null, cancellations);
            }
            stream = new ActiveStream(invocationId, this, cancellations);
            if (!ended) {
                streams.put(invocationId, stream);
                return stream;
            }
        }
        stream.cancel();
        return stream;
    }

    /** Cancels the stream with this id; false when there is none. */
    boolean cancel(String invocationId) {
        ActiveStream stream;
        synchronized (this) {
            stream = streams.get(invocationId);
        }
        if (stream == null) {
            return false;
        }
        stream.cancel();
        return true;
    }

    /** Cancels every stream and every one registered from now on. */
    void cancelAll() {
        List<ActiveStream> all;
        synchronized (this) {
            ended = true;
            all = new ArrayList<>(streams.values());
            streams.clear();
        }
        all.forEach(ActiveStream::cancel);
    }

    synchronized void remove(String invocationId, ActiveStream stream) {
        streams.remove(invocationId, stream);
    }
}
