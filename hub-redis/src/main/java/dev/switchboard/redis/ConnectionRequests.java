package dev.switchboard.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.HubException;
import dev.switchboard.LogSafe;
import dev.switchboard.redis.Envelope.Outcome;
import dev.switchboard.spi.ConnectionHandle;
import dev.switchboard.spi.DefaultHubLifetimeManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group changes and client results for one connection, wherever it is: done at once for a connection of this
 * server, and otherwise published on the connection's own channel, where the server holding it does them and
 * answers on the asker's server channel. Both sides are here: what this server asks of connections elsewhere,
 * with the replies it waits for, and what other servers ask of its own connections.
 */
final class ConnectionRequests {

    private static final Logger log = LoggerFactory.getLogger(ConnectionRequests.class);
    /** How long a group change on another server may take to be confirmed. */
    private static final Duration GROUP_CHANGE_TIMEOUT = Duration.ofSeconds(10);
    /** Beyond the client's own timeout, which the server holding it applies, for that server going away. */
    private static final Duration RESULT_GRACE = Duration.ofSeconds(5);

    private final RedisBackplane backplane;
    private final Channels channels;
    private final DefaultHubLifetimeManager local;
    private final ObjectMapper mapper;
    private final Duration resultTimeout;
    private final PendingReplies replies = new PendingReplies();

    /**
     * @param backplane     the server's backplane, which publishes the requests and answers
     * @param channels      the hub's channels
     * @param local         this server's connections of the hub
     * @param mapper        the mapper of the hub's payloads, for client results' arguments and answers
     * @param resultTimeout how long a client may take to answer, as the hub's options say
     */
    ConnectionRequests(RedisBackplane backplane, Channels channels, DefaultHubLifetimeManager local,
                       ObjectMapper mapper, Duration resultTimeout) {
        this.backplane = backplane;
        this.channels = channels;
        this.local = local;
        this.mapper = mapper;
        this.resultTimeout = resultTimeout;
    }

    // ---- asked by this server

    /** Adds the connection to the group, or removes it; an add completes once the group's messages reach it. */
    CompletableFuture<Void> changeGroup(String connectionId, String group, boolean add) {
        return local.connection(connectionId) != null ? changeGroupHere(connectionId, group, add)
                : changeGroupElsewhere(connectionId, group, add);
    }

    /** Invokes the client and completes with its answer, as the protocol parsed it. */
    CompletableFuture<Object> invoke(String connectionId, String method, List<?> args) {
        ConnectionHandle connection = local.connection(connectionId);
        if (connection != null) {
            return connection.invoke(method, args);
        }
        byte[] arguments;
        try {
            arguments = mapper.writeValueAsBytes(args);
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

    /** A join completes once Redis confirms the group's channel, so that other servers' messages reach it too. */
    private CompletableFuture<Void> changeGroupHere(String connectionId, String group, boolean add) {
        if (!add) {
            return local.removeFromGroup(connectionId, group);
        }
        return local.addToGroup(connectionId, group).thenCompose(added -> backplane.subscribed(channels.group(group)));
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

    private CompletableFuture<Object> result(Envelope.Reply reply) {
        String text = new String(reply.body(), StandardCharsets.UTF_8);
        return switch (reply.outcome()) {
            case RESULT -> {
                try {
                    yield CompletableFuture.completedFuture(mapper.readTree(reply.body()));
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

    // ---- asked by the other servers, and their answers

    /**
     * Handles a request or a reply on one of the hub's channels: a reply completes what this server waits for,
     * and a request on a connection's channel is done for that connection, if it is here.
     *
     * @param channel  the channel after the hub's prefix
     * @param envelope what arrived, any envelope but a {@link Envelope.Send}
     */
    void receive(String channel, Envelope envelope) {
        if (envelope instanceof Envelope.Reply reply) {
            replies.complete(reply);
        } else if (channel.startsWith(Channels.CONNECTION)) {
            String connectionId = channel.substring(Channels.CONNECTION.length());
            if (envelope instanceof Envelope.GroupChange change) {
                changeGroupFor(connectionId, change);
            } else if (envelope instanceof Envelope.Invoke invoke) {
                invokeFor(connectionId, invoke);
            }
        }
    }

    private void changeGroupFor(String connectionId, Envelope.GroupChange change) {
        changeGroupHere(connectionId, change.group(), change.add())
                .whenComplete((ignored, failure) -> answer(change.origin(), failure == null
                        ? new Envelope.Reply(change.id(), Outcome.DONE, new byte[0])
                        : new Envelope.Reply(change.id(), Outcome.GONE, bytes(failure.getMessage()))));
    }

    private void invokeFor(String connectionId, Envelope.Invoke invoke) {
        ConnectionHandle connection = local.connection(connectionId);
        if (connection == null) {
            answer(invoke.origin(), new Envelope.Reply(invoke.id(), Outcome.GONE,
                    bytes("Connection '" + connectionId + "' does not exist.")));
            return;
        }
        List<JsonNode> args;
        try {
            args = List.of(mapper.readValue(invoke.arguments(), JsonNode[].class));
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
                return new Envelope.Reply(id, Outcome.RESULT, mapper.writeValueAsBytes(result));
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
