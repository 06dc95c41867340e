package dev.switchboard.redis;

import dev.switchboard.LogSafe;
import dev.switchboard.spi.ConnectionHandle;
import dev.switchboard.spi.DefaultHubLifetimeManager;
import dev.switchboard.spi.HubLifetimeManager;
import dev.switchboard.spi.LifetimeManagerSettings;
import dev.switchboard.spi.Membership;
import dev.switchboard.spi.SerializedMessage;
import dev.switchboard.spi.Serialization;
import dev.switchboard.redis.Envelope.Audience;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hub's lifetime manager on Redis. Its own connections, groups and users live in a
 * {@link DefaultHubLifetimeManager}, which gets every message first; each message for others is serialized
 * once, for every protocol, and published once, to the one channel that reaches the servers concerned:
 * {@code all} for everyone and for lists of groups, users or connections, and a group's, user's or connection's
 * own channel otherwise. A server listens on the channels of the groups and users it has members of and of
 * its connections, so a group change or client result for a connection elsewhere goes to that connection's
 * channel, and the server holding it answers on the asker's own channel ({@link ConnectionRequests}).
 */
final class RedisHubLifetimeManager implements HubLifetimeManager, Membership {

    private static final Logger log = LoggerFactory.getLogger(RedisHubLifetimeManager.class);
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
    /** The longest a new connection waits for Redis to confirm its channels; an outage fails them at once. */
    private static final Duration SUBSCRIBE_WAIT = Duration.ofSeconds(5);

    private final RedisBackplane backplane;
    private final Channels channels;
    private final Serialization serialization;
    private final DefaultHubLifetimeManager local = new DefaultHubLifetimeManager(this);
    private final ConnectionRequests requests;

    /**
     * @param backplane the server's backplane, which publishes and listens for the manager
     * @param channels  the hub's channels
     * @param settings  the server's serialization, in which messages for the other servers are written, and the
     *                  hub's options, whose client result timeout bounds a client result from another server
     */
    RedisHubLifetimeManager(RedisBackplane backplane, Channels channels, LifetimeManagerSettings settings) {
        this.backplane = backplane;
        this.channels = channels;
        this.serialization = settings.serialization();
        this.requests = new ConnectionRequests(backplane, channels, local, serialization.mapper(),
                settings.options().clientResultTimeout());
    }

    /** Listens on the channels every server of the hub needs: everyone's, and its own for answers. */
    void listen() {
        backplane.subscribe(channels.all());
        backplane.subscribe(channels.server(backplane.serverId()));
    }

    // ---- connections and membership

    /**
     * Registers the connection and waits, briefly, until Redis confirms its channels: this runs before the
     * handshake reply leaves, so from the moment a client knows it is connected, other servers reach it too.
     */
    @Override
    public void onConnected(ConnectionHandle connection) {
        // Under the connection's lock, taken by onDisconnected too, so that a disconnect cannot run between
        // registering and listening and leave the channel behind.
        synchronized (connection) {
            local.onConnected(connection);
            if (local.connection(connection.connectionId()) == connection) {
                backplane.subscribe(channels.connection(connection.connectionId()));
            }
        }
        CompletableFuture<Void> ready = backplane.subscribed(channels.connection(connection.connectionId()));
        if (connection.userIdentifier() != null) {
            ready = ready.thenCompose(ignored -> backplane.subscribed(channels.user(connection.userIdentifier())));
        }
        try {
            ready.get(SUBSCRIBE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.debug("Redis did not confirm the channels of connection {} in time", connection.connectionId());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void onDisconnected(ConnectionHandle connection) {
        synchronized (connection) {
            boolean registered = local.connection(connection.connectionId()) == connection;
            local.onDisconnected(connection);
            if (registered) {
                backplane.unsubscribe(channels.connection(connection.connectionId()));
            }
        }
    }

    @Override
    public void firstMember(Kind kind, String name) {
        backplane.subscribe(kind == Kind.GROUP ? channels.group(name) : channels.user(name));
    }

    @Override
    public void lastMemberGone(Kind kind, String name) {
        backplane.unsubscribe(kind == Kind.GROUP ? channels.group(name) : channels.user(name));
    }

    // ---- sends: local delivery first, then one publish for the other servers

    @Override
    public CompletableFuture<Void> sendAll(String method, List<?> args) {
        SerializedMessage message = SerializedMessage.invocation(method, args);
        local.deliverAll(message, Set.of());
        return publish(channels.all(), message, Audience.EVERYONE, List.of(), List.of());
    }

    @Override
    public CompletableFuture<Void> sendAllExcept(String method, List<?> args, Collection<String> excluded) {
        SerializedMessage message = SerializedMessage.invocation(method, args);
        local.deliverAll(message, Set.copyOf(excluded));
        return publish(channels.all(), message, Audience.EVERYONE, List.of(), List.copyOf(excluded));
    }

    @Override
    public CompletableFuture<Void> sendConnection(String connectionId, String method, List<?> args) {
        SerializedMessage message = SerializedMessage.invocation(method, args);
        ConnectionHandle connection = local.connection(connectionId);
        if (connection != null) {
            connection.send(message);
            return DONE;
        }
        return publish(channels.connection(connectionId), message, Audience.EVERYONE, List.of(), List.of());
    }

    @Override
    public CompletableFuture<Void> sendConnections(Collection<String> connectionIds, String method, List<?> args) {
        SerializedMessage message = SerializedMessage.invocation(method, args);
        local.deliverConnections(connectionIds, message);
        List<String> elsewhere = connectionIds.stream().distinct().filter(id -> local.connection(id) == null).toList();
        return elsewhere.isEmpty() ? DONE
                : publish(channels.all(), message, Audience.CONNECTIONS, elsewhere, List.of());
    }

    @Override
    public CompletableFuture<Void> sendGroup(String groupName, String method, List<?> args) {
        SerializedMessage message = SerializedMessage.invocation(method, args);
        local.deliverGroup(groupName, message, Set.of());
        return publish(channels.group(groupName), message, Audience.EVERYONE, List.of(), List.of());
    }

    @Override
    public CompletableFuture<Void> sendGroups(Collection<String> groupNames, String method, List<?> args) {
        SerializedMessage message = SerializedMessage.invocation(method, args);
        local.deliverGroups(groupNames, message);
        // One publish to everyone rather than one per group: each server then reaches each member once.
        return publish(channels.all(), message, Audience.GROUPS, List.copyOf(groupNames), List.of());
    }

    @Override
    public CompletableFuture<Void> sendGroupExcept(String groupName, String method, List<?> args,
                                                   Collection<String> excluded) {
        SerializedMessage message = SerializedMessage.invocation(method, args);
        local.deliverGroup(groupName, message, Set.copyOf(excluded));
        return publish(channels.group(groupName), message, Audience.EVERYONE, List.of(), List.copyOf(excluded));
    }

    @Override
    public CompletableFuture<Void> sendUser(String userId, String method, List<?> args) {
        SerializedMessage message = SerializedMessage.invocation(method, args);
        local.deliverUsers(List.of(userId), message);
        return publish(channels.user(userId), message, Audience.EVERYONE, List.of(), List.of());
    }

    @Override
    public CompletableFuture<Void> sendUsers(Collection<String> userIds, String method, List<?> args) {
        SerializedMessage message = SerializedMessage.invocation(method, args);
        local.deliverUsers(userIds, message);
        return publish(channels.all(), message, Audience.USERS, List.copyOf(userIds), List.of());
    }

    /**
     * Publishes a message for the other servers. The result completes once Redis has taken it, which paces a
     * hub that waits for its sends; it never fails, since this server's connections have it already and what
     * the others miss during an outage is lost by design (and logged once, by the backplane).
     */
    private CompletableFuture<Void> publish(String channel, SerializedMessage message, Audience audience,
                                            List<String> names, List<String> excluded) {
        Envelope.Send send = new Envelope.Send(backplane.serverId(), audience, names, excluded,
                serialization.write(message));
        return backplane.publish(channel, send).handle((receivers, failure) -> {
            if (failure != null && backplane.isConnected()) {
                // The channel holds a group name, user id or connection id, any of which may come from a client.
                log.warn("Could not publish to {}: {}", LogSafe.escape(channel), LogSafe.escape(failure.getMessage()));
            }
            return null;
        });
    }

    // ---- group changes and client results, wherever the connection is

    /** Completes once the group's messages from every server reach the connection. */
    @Override
    public CompletableFuture<Void> addToGroup(String connectionId, String groupName) {
        return requests.changeGroup(connectionId, groupName, true);
    }

    @Override
    public CompletableFuture<Void> removeFromGroup(String connectionId, String groupName) {
        return requests.changeGroup(connectionId, groupName, false);
    }

    @Override
    public CompletableFuture<Object> invokeConnection(String connectionId, String method, List<?> args) {
        return requests.invoke(connectionId, method, args);
    }

    // ---- what the other servers publish

    /** Handles a message on one of this hub's channels; {@code channel} is the part after the hub's prefix. */
    void receive(String channel, byte[] message) {
        Envelope envelope;
        try {
            envelope = Envelope.read(message);
        } catch (IOException | RuntimeException e) {
            log.warn("Ignored a message on {}{} that is not a backplane envelope: {}", channels.hub(),
                    LogSafe.escape(channel), LogSafe.escape(e.getMessage()));
            return;
        }
        if (envelope instanceof Envelope.Send send) {
            if (!send.origin().equals(backplane.serverId())) {
                deliver(channel, send);
            }
        } else {
            requests.receive(channel, envelope);
        }
    }

    private void deliver(String channel, Envelope.Send send) {
        SerializedMessage message = SerializedMessage.ofPayloads(send.payloads());
        if (channel.equals(Channels.ALL)) {
            switch (send.audience()) {
                case EVERYONE -> local.deliverAll(message, Set.copyOf(send.excluded()));
                case GROUPS -> local.deliverGroups(send.names(), message);
                case USERS -> local.deliverUsers(send.names(), message);
                case CONNECTIONS -> local.deliverConnections(send.names(), message);
            }
        } else if (channel.startsWith(Channels.GROUP)) {
            local.deliverGroup(channel.substring(Channels.GROUP.length()), message, Set.copyOf(send.excluded()));
        } else if (channel.startsWith(Channels.USER)) {
            local.deliverUsers(List.of(channel.substring(Channels.USER.length())), message);
        } else if (channel.startsWith(Channels.CONNECTION)) {
            local.deliverConnections(List.of(channel.substring(Channels.CONNECTION.length())), message);
        }
    }

    /** The backplane is closing: nothing will answer what this server waits for. */
    void backplaneClosed() {
        requests.backplaneClosed();
    }
}
