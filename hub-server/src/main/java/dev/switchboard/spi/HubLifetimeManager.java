package dev.switchboard.spi;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Who is connected to one hub, in which groups, as which user, and how a message reaches them, as SignalR's
 * {@code HubLifetimeManager}. The in-memory {@link DefaultHubLifetimeManager} serves one server; a
 * {@link dev.switchboard.Backplane} supplies another to reach connections on every server. The sends complete
 * once the message is queued for this server's connections and handed on for the others; none blocks.
 *
 * <p>A manager is complete once made: what it needs of the server, its protocols and the hub's options, it is
 * given as it is made, in {@link LifetimeManagerSettings}, before its first connection.
 */
public interface HubLifetimeManager {

    /**
     * Registers a connection of this server once its handshake succeeded; one that has ended already is left out.
     *
     * @param connection the connection
     */
    void onConnected(ConnectionHandle connection);

    /**
     * Forgets a connection that ended, with its groups; a user or group is forgotten with its last connection.
     *
     * @param connection the connection
     */
    void onDisconnected(ConnectionHandle connection);

    /**
     * Invokes {@code method} on every connection.
     *
     * @param method the client method
     * @param args   its arguments
     * @return completes once the message is on its way
     */
    CompletableFuture<Void> sendAll(String method, List<?> args);

    /**
     * Invokes {@code method} on every connection but the excluded ones.
     *
     * @param method                the client method
     * @param args                  its arguments
     * @param excludedConnectionIds the connections left out
     * @return completes once the message is on its way
     */
    CompletableFuture<Void> sendAllExcept(String method, List<?> args, Collection<String> excludedConnectionIds);

    /**
     * Invokes {@code method} on one connection, if it exists.
     *
     * @param connectionId the connection
     * @param method       the client method
     * @param args         its arguments
     * @return completes once the message is on its way
     */
    CompletableFuture<Void> sendConnection(String connectionId, String method, List<?> args);

    /**
     * Invokes {@code method} on each of the connections that exist, once each.
     *
     * @param connectionIds the connections
     * @param method        the client method
     * @param args          its arguments
     * @return completes once the message is on its way
     */
    CompletableFuture<Void> sendConnections(Collection<String> connectionIds, String method, List<?> args);

    /**
     * Invokes {@code method} on the members of a group.
     *
     * @param groupName the group
     * @param method    the client method
     * @param args      its arguments
     * @return completes once the message is on its way
     */
    CompletableFuture<Void> sendGroup(String groupName, String method, List<?> args);

    /**
     * Invokes {@code method} on the members of any of the groups, once each.
     *
     * @param groupNames the groups
     * @param method     the client method
     * @param args       its arguments
     * @return completes once the message is on its way
     */
    CompletableFuture<Void> sendGroups(Collection<String> groupNames, String method, List<?> args);

    /**
     * Invokes {@code method} on the members of a group but the excluded connections.
     *
     * @param groupName             the group
     * @param method                the client method
     * @param args                  its arguments
     * @param excludedConnectionIds the connections left out
     * @return completes once the message is on its way
     */
    CompletableFuture<Void> sendGroupExcept(String groupName, String method, List<?> args,
                                            Collection<String> excludedConnectionIds);

    /**
     * Invokes {@code method} on every connection of a user.
     *
     * @param userId the user's id
     * @param method the client method
     * @param args   its arguments
     * @return completes once the message is on its way
     */
    CompletableFuture<Void> sendUser(String userId, String method, List<?> args);

    /**
     * Invokes {@code method} on every connection of any of the users, once each.
     *
     * @param userIds the users' ids
     * @param method  the client method
     * @param args    its arguments
     * @return completes once the message is on its way
     */
    CompletableFuture<Void> sendUsers(Collection<String> userIds, String method, List<?> args);

    /**
     * Invokes {@code method} on one connection and completes with its answer, as the protocol parsed it,
     * for the caller to bind: the server picks the invocation id, and the connection holding the pending
     * result completes it when the client's Completion arrives.
     *
     * @param connectionId the connection
     * @param method       the client method
     * @param args         its arguments
     * @return fails with a {@link dev.switchboard.HubException} carrying the client's error, a
     *         {@link java.util.concurrent.TimeoutException} once the hub's client result timeout has passed,
     *         or an {@link java.io.IOException} for a connection that does not exist or ends first
     */
    CompletableFuture<Object> invokeConnection(String connectionId, String method, List<?> args);

    /**
     * Adds a connection to a group; nothing happens for a connection that does not exist.
     *
     * @param connectionId the connection
     * @param groupName    the group
     * @return completes once the group's messages reach the connection
     */
    CompletableFuture<Void> addToGroup(String connectionId, String groupName);

    /**
     * Removes a connection from a group; nothing happens for a connection that does not exist.
     *
     * @param connectionId the connection
     * @param groupName    the group
     * @return completes once the group's messages no longer reach the connection
     */
    CompletableFuture<Void> removeFromGroup(String connectionId, String groupName);
}
