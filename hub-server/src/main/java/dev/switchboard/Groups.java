package dev.switchboard;

import java.util.concurrent.CompletableFuture;

/**
 * Named sets of connections. A group exists while it has members; a connection leaves all its groups
 * when it disconnects.
 */
public interface Groups {

    /**
     * Adds a connection to a group; adding it twice, or adding an unknown connection, does nothing.
     *
     * @param connectionId the connection's id
     * @param groupName the group, created by its first member
     * @return completes once messages to the group reach the connection
     */
    CompletableFuture<Void> add(String connectionId, String groupName);

    /**
     * Removes a connection from a group; removing a connection that is not a member does nothing.
     *
     * @param connectionId the connection's id
     * @param groupName the group, gone with its last member
     * @return completes once messages to the group no longer reach the connection
     */
    CompletableFuture<Void> remove(String connectionId, String groupName);
}
