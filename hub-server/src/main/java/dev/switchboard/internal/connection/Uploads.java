package dev.switchboard.internal.connection;

import java.util.List;

/**
 * The streams a client uploads with one invocation, opened as the invocation arrived so that their items
 * find them however long the invocation waits its turn; or why they could not be opened.
 *
 * @param streams the open streams, in the order of the invocation's {@code streamIds}; empty when the
 *        hub method takes none or takes another number of them than the client sent
 * @param refusal why the streams were not opened (an id in use), or null
 */
public record Uploads(List<UploadStream> streams, String refusal) {

    /** No uploads: the invocation has none, or its hub method cannot take them. */
    public static final Uploads NONE = new Uploads(List.of(), null);

    public Uploads {
        streams = List.copyOf(streams);
    }

    /**
     * The invocation is over: each stream still open completes, as SignalR completes them then, and its id
     * is freed, so that later items for it are ignored. Safe to call more than once.
     */
    public void end() {
        streams.forEach(UploadStream::complete);
    }
}
