package dev.switchboard.internal.lifetime;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.HubOptions;
import dev.switchboard.internal.connection.HubConnection;
import dev.switchboard.internal.protocol.HubProtocol;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Who is connected to one hub, in which groups, as which user, and how a message reaches them. The
 * in-memory {@link DefaultHubLifetimeManager} serves one server; a backplane implementation replaces
 * it to reach connections on every server.
 */
public interface HubLifetimeManager {

    /**
     * Called as a server is built, before its first connection: the protocols its connections may speak, in
     * each of which a backplane serializes what it sends to other servers, the mapper of the hub's payloads,
     * and the hub's options. A manager shared by servers of one injector is started by each.
     */
    default void start(Collection<HubProtocol> protocols, ObjectMapper mapper, HubOptions options) {
    }

    void onConnected(HubConnection connection);

    void onDisconnected(HubConnection connection);

    CompletableFuture<Void> sendAll(String method, List<?> args);

    CompletableFuture<Void> sendAllExcept(String method, List<?> args, Collection<String> excludedConnectionIds);

    CompletableFuture<Void> sendConnection(String connectionId, String method, List<?> args);

    CompletableFuture<Void> sendConnections(Collection<String> connectionIds, String method, List<?> args);

    CompletableFuture<Void> sendGroup(String groupName, String method, List<?> args);

    CompletableFuture<Void> sendGroups(Collection<String> groupNames, String method, List<?> args);

    CompletableFuture<Void> sendGroupExcept(String groupName, String method, List<?> args,
                                            Collection<String> excludedConnectionIds);

    CompletableFuture<Void> sendUser(String userId, String method, List<?> args);

    CompletableFuture<Void> sendUsers(Collection<String> userIds, String method, List<?> args);

    /**
     * Invokes {@code method} on one connection and completes with its answer, as the protocol parsed it,
     * for the caller to bind: the server picks the invocation id, and the connection holding the pending
     * result completes it when the client's Completion arrives.
     *
     * @return fails with a {@link dev.switchboard.HubException} carrying the client's error, a
     *         {@link java.util.concurrent.TimeoutException} once the hub's client result timeout has passed,
     *         or an {@link java.io.IOException} for a connection that does not exist or ends first
     */
    CompletableFuture<Object> invokeConnection(String connectionId, String method, List<?> args);

    CompletableFuture<Void> addToGroup(String connectionId, String groupName);

    CompletableFuture<Void> removeFromGroup(String connectionId, String groupName);
}
