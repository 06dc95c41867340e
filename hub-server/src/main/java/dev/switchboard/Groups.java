package dev.switchboard;

import java.util.concurrent.CompletableFuture;

/**
 * Named sets of connections. A group exists while it has members; a connection leaves all its groups
 * when it disconnects.
 */
public interface Groups {

    CompletableFuture<Void> add(String connectionId, String groupName);

    CompletableFuture<Void> remove(String connectionId, String groupName);
}
