package dev.switchboard.spi;

import java.io.IOException;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lifetime manager of a single server: connections, groups and users in concurrent maps. Each send
 * builds one {@link SerializedMessage}, so a broadcast is serialized once per protocol in use and the
 * same bytes are queued on every connection. A backplane keeps one of these for its server's own
 * connections and hands it what arrives from the others through the {@code deliver} methods.
 */
public final class DefaultHubLifetimeManager implements HubLifetimeManager {

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final Map<String, ConnectionHandle> connections = new ConcurrentHashMap<>();
    /**
     * The groups of each connection here, by connection id. Each set is also the lock of its connection's
     * membership: a group change from another thread cannot interleave with the connection's registration or
     * removal and leave it in an index.
     */
    private final Map<String, Set<String>> groupsOf = new ConcurrentHashMap<>();
    private final MemberIndex groups;
    private final MemberIndex users;

    /** A manager of a server of its own. */
    public DefaultHubLifetimeManager() {
        this(Membership.NONE);
    }

    /**
     * A manager that tells a backplane which groups and users have members here.
     *
     * @param membership told of the first and last local member of each group and user
     */
    public DefaultHubLifetimeManager(Membership membership) {
        groups = new MemberIndex(Membership.Kind.GROUP, membership);
        users = new MemberIndex(Membership.Kind.USER, membership);
    }

    @Override
    public void onConnected(ConnectionHandle connection) {
        String id = connection.connectionId();
        Set<String> joined = groupsOf.computeIfAbsent(id, key -> new HashSet<>());
        synchronized (joined) {
            // Ended already, perhaps with onDisconnected run in between: nothing to register.
            if (connection.isClosed() || groupsOf.get(id) != joined) {
                groupsOf.remove(id, joined);
                return;
            }
            connections.put(id, connection);
            if (connection.userIdentifier() != null) {
                users.add(connection.userIdentifier(), connection);
            }
        }
    }

    @Override
    public void onDisconnected(ConnectionHandle connection) {
        String id = connection.connectionId();
        Set<String> joined = groupsOf.get(id);
        if (joined == null) {
            return;
        }
        synchronized (joined) {
            if (!connections.remove(id, connection)) {
                return;
            }
            groupsOf.remove(id, joined);
            for (String group : joined) {
                groups.remove(group, connection);
            }
            joined.clear();
            if (connection.userIdentifier() != null) {
                users.remove(connection.userIdentifier(), connection);
            }
        }
    }

    @Override
    public CompletableFuture<Void> sendAll(String method, List<?> args) {
        deliverAll(SerializedMessage.invocation(method, args), Set.of());
        return DONE;
    }

    @Override
    public CompletableFuture<Void> sendAllExcept(String method, List<?> args, Collection<String> excluded) {
        deliverAll(SerializedMessage.invocation(method, args), Set.copyOf(excluded));
        return DONE;
    }

    @Override
    public CompletableFuture<Void> sendConnection(String connectionId, String method, List<?> args) {
        ConnectionHandle connection = connections.get(connectionId);
        if (connection != null) {
            connection.send(SerializedMessage.invocation(method, args));
        }
        return DONE;
    }

    @Override
    public CompletableFuture<Void> sendConnections(Collection<String> connectionIds, String method, List<?> args) {
        deliverConnections(connectionIds, SerializedMessage.invocation(method, args));
        return DONE;
    }

    @Override
    public CompletableFuture<Void> sendGroup(String groupName, String method, List<?> args) {
        deliverGroup(groupName, SerializedMessage.invocation(method, args), Set.of());
        return DONE;
    }

    @Override
    public CompletableFuture<Void> sendGroups(Collection<String> groupNames, String method, List<?> args) {
        deliverGroups(groupNames, SerializedMessage.invocation(method, args));
        return DONE;
    }

    @Override
    public CompletableFuture<Void> sendGroupExcept(String groupName, String method, List<?> args,
                                                   Collection<String> excluded) {
        deliverGroup(groupName, SerializedMessage.invocation(method, args), Set.copyOf(excluded));
        return DONE;
    }

    @Override
    public CompletableFuture<Void> sendUser(String userId, String method, List<?> args) {
        deliverUsers(List.of(userId), SerializedMessage.invocation(method, args));
        return DONE;
    }

    @Override
    public CompletableFuture<Void> sendUsers(Collection<String> userIds, String method, List<?> args) {
        deliverUsers(userIds, SerializedMessage.invocation(method, args));
        return DONE;
    }

    // ---- local delivery of a message serialized once, here or on another server

    /**
     * Queues {@code message} on every connection here but the excluded ones.
     *
     * @param message               the message
     * @param excludedConnectionIds the connections left out
     */
    public void deliverAll(SerializedMessage message, Set<String> excludedConnectionIds) {
        deliver(connections.values(), message, excludedConnectionIds);
    }

    /**
     * Queues {@code message} on those of the given connections that are here, each once.
     *
     * @param connectionIds the connections
     * @param message       the message
     */
    public void deliverConnections(Collection<String> connectionIds, SerializedMessage message) {
        deliver(connectionIds.stream().distinct().map(connections::get).filter(Objects::nonNull).toList(),
                message, Set.of());
    }

    /**
     * Queues {@code message} on the members of a group here but the excluded ones.
     *
     * @param groupName             the group
     * @param message               the message
     * @param excludedConnectionIds the connections left out
     */
    public void deliverGroup(String groupName, SerializedMessage message, Set<String> excludedConnectionIds) {
        deliver(groups.members(groupName), message, excludedConnectionIds);
    }

    /**
     * Queues {@code message} on the members here of any of the groups, each once.
     *
     * @param groupNames the groups
     * @param message    the message
     */
    public void deliverGroups(Collection<String> groupNames, SerializedMessage message) {
        deliver(groups.membersOfAny(groupNames), message, Set.of());
    }

    /**
     * Queues {@code message} on the connections here of any of the users, each once.
     *
     * @param userIds the users' ids
     * @param message the message
     */
    public void deliverUsers(Collection<String> userIds, SerializedMessage message) {
        deliver(users.membersOfAny(userIds), message, Set.of());
    }

    /**
     * The connection with this id if it is on this server.
     *
     * @param connectionId the connection's id, or null
     * @return the connection, or null
     */
    public ConnectionHandle connection(String connectionId) {
        return connectionId == null ? null : connections.get(connectionId);
    }

    /**
     * The groups a connection of this server is in.
     *
     * @param connectionId the connection's id
     * @return a copy of its groups, empty for a connection that is not here
     */
    public Set<String> groups(String connectionId) {
        Set<String> joined = groupsOf.get(connectionId);
        if (joined == null) {
            return Set.of();
        }
        synchronized (joined) {
            return Set.copyOf(joined);
        }
    }

    @Override
    public CompletableFuture<Object> invokeConnection(String connectionId, String method, List<?> args) {
        Objects.requireNonNull(connectionId, "connectionId");
        ConnectionHandle connection = connections.get(connectionId);
        if (connection == null) {
            return CompletableFuture.failedFuture(new IOException("Connection '" + connectionId + "' does not exist."));
        }
        return connection.invoke(method, args);
    }

    @Override
    public CompletableFuture<Void> addToGroup(String connectionId, String groupName) {
        changeGroup(connectionId, groupName, true);
        return DONE;
    }

    @Override
    public CompletableFuture<Void> removeFromGroup(String connectionId, String groupName) {
        changeGroup(connectionId, groupName, false);
        return DONE;
    }

    /** Joins or leaves a group under the connection's membership lock; nothing for a connection not here. */
    private void changeGroup(String connectionId, String groupName, boolean join) {
        Objects.requireNonNull(groupName, "groupName");
        ConnectionHandle connection = connections.get(connectionId);
        Set<String> joined = connection == null ? null : groupsOf.get(connectionId);
        if (joined == null) {
            return;
        }
        synchronized (joined) {
            // Gone meanwhile: its disconnect emptied the set, and must not be undone.
            if (connections.get(connectionId) != connection) {
                return;
            }
            if (join && joined.add(groupName)) {
                groups.add(groupName, connection);
            } else if (!join && joined.remove(groupName)) {
                groups.remove(groupName, connection);
            }
        }
    }

    /**
     * The sizes of the three maps, for leak checks: once every connection has ended, all are zero, since a
     * group or user is forgotten with its last connection.
     *
     * @return the sizes now
     */
    public Sizes sizes() {
        return new Sizes(connections.size(), groups.size(), users.size());
    }

    /**
     * How many connections, groups with members and users with connections this manager holds.
     *
     * @param connections the connections
     * @param groups      the groups with members
     * @param users       the users with connections
     */
    public record Sizes(int connections, int groups, int users) {
    }

    private static void deliver(Collection<ConnectionHandle> targets, SerializedMessage message, Set<String> excluded) {
        for (ConnectionHandle connection : targets) {
            if (excluded.isEmpty() || !excluded.contains(connection.connectionId())) {
                connection.send(message);
            }
        }
    }

    /** Named sets of connections (groups, users); a set is removed when its last member leaves. */
    private static final class MemberIndex {

        private final Map<String, Set<ConnectionHandle>> sets = new ConcurrentHashMap<>();
        private final Membership.Kind kind;
        private final Membership membership;

        MemberIndex(Membership.Kind kind, Membership membership) {
            this.kind = kind;
            this.membership = membership;
        }

        void add(String name, ConnectionHandle connection) {
            sets.compute(name, (key, members) -> {
                Set<ConnectionHandle> set = members;
                if (set == null) {
                    set = ConcurrentHashMap.newKeySet();
                    membership.firstMember(kind, name);
                }
                set.add(connection);
                return set;
            });
        }

        void remove(String name, ConnectionHandle connection) {
            sets.computeIfPresent(name, (key, members) -> {
                members.remove(connection);
                if (!members.isEmpty()) {
                    return members;
                }
                membership.lastMemberGone(kind, name);
                return null;
            });
        }

        Collection<ConnectionHandle> members(String name) {
            Set<ConnectionHandle> members = sets.get(name);
            return members != null ? members : Set.of();
        }

        int size() {
            return sets.size();
        }

        Collection<ConnectionHandle> membersOfAny(Collection<String> names) {
            if (names.size() == 1) {
                return members(names.iterator().next());
            }
            Set<ConnectionHandle> union = new HashSet<>();
            for (String name : names) {
                union.addAll(members(name));
            }
            return union;
        }
    }
}
