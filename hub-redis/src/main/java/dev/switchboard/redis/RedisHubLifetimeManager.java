package dev.switchboard.redis;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.HubException;
import dev.switchboard.LogSafe;
import dev.switchboard.spi.ConnectionHandle;
import dev.switchboard.spi.DefaultHubLifetimeManager;
import dev.switchboard.spi.HubLifetimeManager;
import dev.switchboard.spi.LifetimeManagerSettings;
import dev.switchboard.spi.Membership;
import dev.switchboard.spi.SerializedMessage;
import dev.switchboard.spi.Serialization;
import dev.switchboard.redis.Envelope.Audience;
import dev.switchboard.redis.Envelope.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
 * channel, and the server holding it answers on the asker's own channel.
 */
final class RedisHubLifetimeManager implements HubLifetimeManager, Membership {

    private static final Logger log = LoggerFactory.getLogger(RedisHubLifetimeManager.class);
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
    /** How long a group change on another server may take to be confirmed. */
    private static final Duration GROUP_CHANGE_TIMEOUT = Duration.ofSeconds(10);
    /** Beyond the client's own timeout, which the server holding it applies, for that server going away. */
    private static final Duration RESULT_GRACE = Duration.ofSeconds(5);
    /** The longest a new connection waits for Redis to confirm its channels; an outage fails them at once. */
    private static final Duration SUBSCRIBE_WAIT = Duration.ofSeconds(5);

    private final RedisBackplane backplane;
    private final Channels channels;
    private final DefaultHubLifetimeManager local = new DefaultHubLifetimeManager(this);
    private final PendingReplies replies = new PendingReplies();
    private final Serialization serialization;
    private final Duration resultTimeout;

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
        this.resultTimeout = settings.options().clientResultTimeout();
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
        return local.connection(connectionId) != null ? addHere(connectionId, groupName)
                : changeGroupElsewhere(connectionId, groupName, true);
    }

    private CompletableFuture<Void> addHere(String connectionId, String groupName) {
        return local.addToGroup(connectionId, groupName)
                .thenCompose(added -> backplane.subscribed(channels.group(groupName)));
    }

    @Override
    public CompletableFuture<Void> removeFromGroup(String connectionId, String groupName) {
        return local.connection(connectionId) != null ? local.removeFromGroup(connectionId, groupName)
                : changeGroupElsewhere(connectionId, groupName, false);
    }

    private CompletableFuture<Void> changeGroupElsewhere(String connectionId, String group, boolean add) {
        PendingReplies.Expected expected = replies.expect(GROUP_CHANGE_TIMEOUT, "The server of connection '"
                + connectionId + "' did not confirm " + (add ? "adding it to" : "removing it from") + " group '"
                + group + "' within " + GROUP_CHANGE_TIMEOUT.toSeconds() + " s.");
        Envelope.GroupChange change = new Envelope.GroupChange(backplane.serverId(), expected.id(), add, group);
        backplane.publish(channels.connection(connectionId), change).whenComplete((receivers, failure) -> {
            if (failure != null) {
                replies.fail(expected.id(), unreachable("change the groups of", connectionId, failure));
            } else if (receivers == 0) {
                // No server holds the connection: as for an unknown connection on one server, nothing to do.
                replies.complete(new Envelope.Reply(expected.id(), Outcome.DONE, new byte[0]));
            }
        });
        return expected.reply().thenApply(reply -> null);
    }

    @Override
    public CompletableFuture<Object> invokeConnection(String connectionId, String method, List<?> args) {
        ConnectionHandle connection = local.connection(connectionId);
        if (connection != null) {
            return connection.invoke(method, args);
        }
        byte[] arguments;
        try {
            arguments = serialization.mapper().writeValueAsBytes(args);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(new UncheckedIOException(e));
        }
        Duration limit = resultTimeout.plus(RESULT_GRACE);
        PendingReplies.Expected expected = replies.expect(limit, "The server of connection '" + connectionId
                + "' did not answer '" + method + "' within " + limit.toMillis() + " ms.");
        Envelope.Invoke invoke = new Envelope.Invoke(backplane.serverId(), expected.id(), method, arguments);
        backplane.publish(channels.connection(connectionId), invoke).whenComplete((receivers, failure) -> {
            if (failure != null) {
                replies.fail(expected.id(), unreachable("invoke '" + method + "' on", connectionId, failure));
            } else if (receivers == 0) {
                replies.fail(expected.id(), new IOException("Connection '" + connectionId + "' does not exist."));
            }
        });
        return expected.reply().thenCompose(this::result);
    }

    private CompletableFuture<Object> result(Envelope.Reply reply) {
        String text = new String(reply.body(), StandardCharsets.UTF_8);
        return switch (reply.outcome()) {
            case RESULT -> {
                try {
                    yield CompletableFuture.completedFuture(serialization.mapper().readTree(reply.body()));
                } catch (IOException e) {
                    yield CompletableFuture.failedFuture(e);
                }
            }
            case DONE -> CompletableFuture.completedFuture(null);
            case HUB_ERROR -> CompletableFuture.failedFuture(new HubException(text));
            case TIMEOUT -> CompletableFuture.failedFuture(new TimeoutException(text));
            case GONE -> CompletableFuture.failedFuture(new IOException(text));
        };
    }

    private static IOException unreachable(String action, String connectionId, Throwable failure) {
        return new IOException("Connection '" + connectionId + "' is not on this server, and Redis cannot be reached "
                + "to " + action + " it on another: " + failure.getMessage(), failure);
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
        } else if (envelope instanceof Envelope.Reply reply) {
            replies.complete(reply);
        } else if (channel.startsWith(Channels.CONNECTION)) {
            String connectionId = channel.substring(Channels.CONNECTION.length());
            if (envelope instanceof Envelope.GroupChange change) {
                changeGroupHere(connectionId, change);
            } else if (envelope instanceof Envelope.Invoke invoke) {
                invokeHere(connectionId, invoke);
            }
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

    private void changeGroupHere(String connectionId, Envelope.GroupChange change) {
        CompletableFuture<Void> done = change.add() ? addHere(connectionId, change.group())
                : local.removeFromGroup(connectionId, change.group());
        done.whenComplete((ignored, failure) -> answer(change.origin(), failure == null
                ? new Envelope.Reply(change.id(), Outcome.DONE, new byte[0])
                : new Envelope.Reply(change.id(), Outcome.GONE, bytes(failure.getMessage()))));
    }

    private void invokeHere(String connectionId, Envelope.Invoke invoke) {
        ConnectionHandle connection = local.connection(connectionId);
        if (connection == null) {
            answer(invoke.origin(), new Envelope.Reply(invoke.id(), Outcome.GONE,
                    bytes("Connection '" + connectionId + "' does not exist.")));
            return;
        }
        List<JsonNode> args;
        try {
            args = List.of(serialization.mapper().readValue(invoke.arguments(), JsonNode[].class));
        } catch (IOException e) {
            answer(invoke.origin(), new Envelope.Reply(invoke.id(), Outcome.HUB_ERROR, bytes(e.getMessage())));
            return;
        }
        connection.invoke(invoke.method(), args).whenComplete((result, failure) ->
                answer(invoke.origin(), reply(invoke.id(), result, failure)));
    }

    private Envelope.Reply reply(long id, Object result, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause == null) {
            try {
                return new Envelope.Reply(id, Outcome.RESULT, serialization.mapper().writeValueAsBytes(result));
            } catch (IOException e) {
                return new Envelope.Reply(id, Outcome.HUB_ERROR, bytes(e.getMessage()));
            }
        }
        Outcome outcome = cause instanceof HubException ? Outcome.HUB_ERROR
                : cause instanceof TimeoutException ? Outcome.TIMEOUT : Outcome.GONE;
        return new Envelope.Reply(id, outcome, bytes(String.valueOf(cause.getMessage())));
    }

    private void answer(String server, Envelope.Reply reply) {
        backplane.publish(channels.server(server), reply).whenComplete((receivers, failure) -> {
            if (failure != null) {
                log.debug("Could not answer server {}: {}", LogSafe.escape(server),
                        LogSafe.escape(failure.getMessage()));
            }
        });
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The backplane is closing: nothing will answer what this server waits for. */
    void backplaneClosed() {
        replies.failAll("The Redis backplane closed");
    }
}
