package dev.switchboard.internal.lifetime;

import dev.switchboard.internal.connection.ConnectionState;
import dev.switchboard.internal.connection.HubConnection;
import dev.switchboard.internal.protocol.InvocationMessage;
import dev.switchboard.internal.protocol.SerializedMessage;
import java.io.IOException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The lifetime manager of a single server: connections, groups and users in concurrent maps. Each send
 * builds one {@link SerializedMessage}, so a broadcast is serialized once per protocol in use and the
 * same bytes are queued on every connection.
 */
public final class DefaultHubLifetimeManager implements HubLifetimeManager {

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final Map<String, HubConnection> connections = new ConcurrentHashMap<>();
    private final MemberIndex groups = new MemberIndex();
    private final MemberIndex users = new MemberIndex();

    /*
     * A connection's membership changes under its own lock (its group set), so that a group change from
     * another thread cannot interleave with its registration or removal and leave it in an index.
     */

    @Override
    public void onConnected(HubConnection connection) {
        synchronized (connection.groups()) {
            if (connection.state() == ConnectionState.CLOSED) {
                return;
            }
            connections.put(connection.connectionId(), connection);
            if (connection.userIdentifier() != null) {
                users.add(connection.userIdentifier(), connection);
            }
        }
    }

    @Override
    public void onDisconnected(HubConnection connection) {
        synchronized (connection.groups()) {
            connections.remove(connection.connectionId(), connection);
            for (String group : connection.groups()) {
                groups.remove(group, connection);
            }
            connection.groups().clear();
            if (connection.userIdentifier() != null) {
                users.remove(connection.userIdentifier(), connection);
            }
        }
    }

    @Override
    public CompletableFuture<Void> sendAll(String method, List<?> args) {
        return sendTo(connections.values(), method, args, connection -> true);
    }

    @Override
    public CompletableFuture<Void> sendAllExcept(String method, List<?> args, Collection<String> excluded) {
        Set<String> skip = Set.copyOf(excluded);
        return sendTo(connections.values(), method, args, connection -> !skip.contains(connection.connectionId()));
    }

    @Override
    public CompletableFuture<Void> sendConnection(String connectionId, String method, List<?> args) {
        HubConnection connection = connections.get(connectionId);
        if (connection != null) {
            connection.send(serialize(method, args));
        }
        return DONE;
    }

    @Override
    public CompletableFuture<Void> sendConnections(Collection<String> connectionIds, String method, List<?> args) {
        List<HubConnection> targets = connectionIds.stream().distinct().map(connections::get)
                .filter(Objects::nonNull).toList();
        return sendTo(targets, method, args, connection -> true);
    }

    @Override
    public CompletableFuture<Void> sendGroup(String groupName, String method, List<?> args) {
        return sendTo(groups.members(groupName), method, args, connection -> true);
    }

    @Override
    public CompletableFuture<Void> sendGroups(Collection<String> groupNames, String method, List<?> args) {
        return sendTo(groups.membersOfAny(groupNames), method, args, connection -> true);
    }

    @Override
    public CompletableFuture<Void> sendGroupExcept(String groupName, String method, List<?> args,
                                                   Collection<String> excluded) {
        Set<String> skip = Set.copyOf(excluded);
        return sendTo(groups.members(groupName), method, args, c -> !skip.contains(c.connectionId()));
    }

    @Override
    public CompletableFuture<Void> sendUser(String userId, String method, List<?> args) {
        return sendTo(users.members(userId), method, args, connection -> true);
    }

    @Override
    public CompletableFuture<Void> sendUsers(Collection<String> userIds, String method, List<?> args) {
        return sendTo(users.membersOfAny(userIds), method, args, connection -> true);
    }

    @Override
    public CompletableFuture<Object> invokeConnection(String connectionId, String method, List<?> args) {
        Objects.requireNonNull(connectionId, "connectionId");
        HubConnection connection = connections.get(connectionId);
        if (connection == null) {
            return CompletableFuture.failedFuture(new IOException("Connection '" + connectionId + "' does not exist."));
        }
        return connection.invoke(method, args);
    }

    @Override
    public CompletableFuture<Void> addToGroup(String connectionId, String groupName) {
        Objects.requireNonNull(groupName, "groupName");
        HubConnection connection = connections.get(connectionId);
        if (connection == null) {
            return DONE;
        }
        synchronized (connection.groups()) {
            if (connections.get(connectionId) == connection && connection.groups().add(groupName)) {
                groups.add(groupName, connection);
            }
        }
        return DONE;
    }

    @Override
    public CompletableFuture<Void> removeFromGroup(String connectionId, String groupName) {
        Objects.requireNonNull(groupName, "groupName");
        HubConnection connection = connections.get(connectionId);
        if (connection == null) {
            return DONE;
        }
        synchronized (connection.groups()) {
            if (connection.groups().remove(groupName)) {
                groups.remove(groupName, connection);
            }
        }
        return DONE;
    }

    /**
     * The sizes of the three maps, for leak checks: once every connection has ended, all are zero, since a
     * group or user is forgotten with its last connection.
     */
    public Sizes sizes() {
        return new Sizes(connections.size(), groups.size(), users.size());
    }

    /** How many connections, groups with members and users with connections this manager holds. */
    public record Sizes(int connections, int groups, int users) {
    }

    private static CompletableFuture<Void> sendTo(Collection<HubConnection> targets, String method, List<?> args,
                                                  Predicate<HubConnection> include) {
        SerializedMessage message = serialize(method, args);
        for (HubConnection connection : targets) {
            if (include.test(connection)) {
                connection.send(message);
            }
        }
        return DONE;
    }

    private static SerializedMessage serialize(String method, List<?> args) {
        return new SerializedMessage(InvocationMessage.nonBlocking(method, args));
    }

    /** Named sets of connections (groups, users); a set is removed when its last member leaves. */
    private static final class MemberIndex {

        private final Map<String, Set<HubConnection>> sets = new ConcurrentHashMap<>();

        void add(String name, HubConnection connection) {
            sets.compute(name, (key, members) -> {
                Set<HubConnection> set = members != null ? members : ConcurrentHashMap.newKeySet();
                set.add(connection);
                return set;
            });
        }

        void remove(String name, HubConnection connection) {
            sets.computeIfPresent(name, (key, members) -> {
                members.remove(connection);
                return members.isEmpty() ? null : members;
            });
        }

        Collection<HubConnection> members(String name) {
            Set<HubConnection> members = sets.get(name);
            return members != null ? members : Set.of();
        }

        int size() {
            return sets.size();
        }

        Collection<HubConnection> membersOfAny(Collection<String> names) {
            Set<HubConnection> union = new HashSet<>();
            for (String name : names) {
                union.addAll(members(name));
            }
            return union;
        }
    }
}
