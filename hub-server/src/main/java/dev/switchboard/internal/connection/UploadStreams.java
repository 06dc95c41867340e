package dev.switchboard.internal.connection;

import dev.switchboard.HubException;
import dev.switchboard.internal.protocol.CompletionMessage;
import dev.switchboard.internal.protocol.HubMessage;
import dev.switchboard.internal.protocol.StreamItemMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * The streams one connection's client is uploading, by the ids the client gave them, from the invocation
 * opening them until the client completes them, the invocation ends, or the connection does; the
 * connection routes StreamItem and Completion messages here as they arrive.
 */
final class UploadStreams {

    private final Map<String, UploadStream> open = new HashMap<>();
    private final int capacity;
    private final Executor executor;
    private boolean closed;

    /**
     * @param capacity items of one stream that may wait for the hub
     * @param executor where the streams' subscribers are called
     */
    UploadStreams(int capacity, Executor executor) {
        this.capacity = capacity;
        this.executor = executor;
    }

    /**
     * Opens the streams of an invocation, one per id with the binder at the same place; none when the
     * counts differ, which the dispatcher answers. An id that is open already refuses them all.
     */
    Uploads open(List<String> ids, List<StreamItemBinder> binders) {
        if (ids.isEmpty() || ids.size() != binders.size()) {
            return Uploads.NONE;
        }
        List<UploadStream> streams = new ArrayList<>(ids.size());
        boolean closedAlready;
        synchronized (this) {
            Set<String> seen = new HashSet<>();
            for (String id : ids) {
                if (open.containsKey(id) || !seen.add(id)) {
                    return new Uploads(List.of(), "Stream ID '" + id + "' is already in use.");
                }
            }
            closedAlready = closed;
            for (int i = 0; i < ids.size(); i++) {
                UploadStream stream = new UploadStream(ids.get(i), binders.get(i), capacity, executor, this::remove);
                streams.add(stream);
                if (!closedAlready) {
                    open.put(ids.get(i), stream);
                }
            }
        }
        if (closedAlready) {
            streams.forEach(UploadStreams::closed);
        }
        return new Uploads(streams, null);
    }

    /**
     * Passes a StreamItem to its stream, or a Completion ends it.
     *
     * @return false when no stream is open with the message's id
     */
    boolean route(HubMessage message) {
        if (message instanceof StreamItemMessage item) {
            UploadStream stream = find(item.invocationId());
            if (stream != null) {
                stream.offer(item.item());
                return true;
            }
        } else if (message instanceof CompletionMessage completion) {
            UploadStream stream = find(completion.invocationId());
            if (stream != null) {
                if (completion.error() != null) {
                    stream.completeWithError(completion.error());
                } else {
                    stream.complete();
                }
                return true;
            }
        }
        return false;
    }

    /** The connection has ended: every open stream fails, and any opened from now on. */
    void closeAll() {
        List<UploadStream> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(open.values());
            open.clear();
        }
        all.forEach(UploadStreams::closed);
    }

    private synchronized UploadStream find(String id) {
        return open.get(id);
    }

    private synchronized void remove(UploadStream stream) {
        open.remove(stream.streamId(), stream);
    }

    private static void closed(UploadStream stream) {
        stream.abort(new HubException("The connection closed before stream '" + stream.streamId()
                + "' completed."));
    }
}
