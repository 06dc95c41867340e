package dev.switchboard.samples.chat;

import dev.switchboard.HubException;
import dev.switchboard.LogSafe;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nicknames of a chat room that spans servers, kept in Redis under a prefix P:
 * <ul>
 * <li>{@code P:nicknames}, a hash from each nickname's compared form to {@code serverId|connectionId|nickname};</li>
 * <li>{@code P:server:<serverId>}, each server's heartbeat, set every third of the TTL to expire after it.</li>
 * </ul>
 * With each heartbeat a server also sweeps the hash. It deletes the entries of servers whose heartbeat has
 * expired; a script deletes each entry only while it is unchanged, so exactly one server deletes it, and that
 * one tells the room the user left. It brings its own entries in line with its connections: it deletes those
 * it could not free while Redis was away, and claims again those a Redis restart lost. A server killed outright
 * thus loses its users within about four thirds of the TTL.
 *
 * <p>Claims and lists are asynchronous, so no hub thread waits on Redis; every command has a short timeout,
 * and while Redis is unreachable they fail at once with {@link #UNREACHABLE}. Completions run on Lettuce's
 * event loop and never block it. Heartbeats and sweeps run on a thread of their own.
 */
public final class RedisNicknames implements NicknameRegistry {

    /** What a user is told when Redis cannot answer: it is down, restarting or too slow. */
    public static final String UNREACHABLE = "The chat cannot reach Redis; try again";
    /** System property: the heartbeat TTL in milliseconds, which tests shorten to notice a killed server quickly. */
    public static final String TTL_PROPERTY = "chat.presenceTtlMillis";
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(15);
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration RECONNECT_DELAY = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(RedisNicknames.class);

    /** Claims a field unless another value holds it; 1 also when this very value does, as after a retry. */
    private static final String CLAIM = """
            if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 1
                or redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
              return 1
            end
            return 0""";
    /** Deletes a field only while it holds this value: a nickname claimed by someone else since stays theirs. */
    private static final String RELEASE = """
            if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
              return redis.call('HDEL', KEYS[1], ARGV[1])
            end
            return 0""";
    /** {@link #RELEASE}, but only while the heartbeat of the owning server (KEYS[2]) is gone. */
    private static final String SWEEP = """
            if redis.call('EXISTS', KEYS[2]) == 0 and redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
              return redis.call('HDEL', KEYS[1], ARGV[1])
            end
            return 0""";

    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final String prefix;
    private final String hash;
    private final String serverId;
    private final Duration ttl;
    /** This server's claims that Redis confirmed: compared nickname to the value it holds in the hash. */
    private final Map<String, String> claims = new ConcurrentHashMap<>();
    /** Values being claimed: the sweep leaves them alone, though they are not in {@link #claims} yet. */
    private final Set<String> claiming = ConcurrentHashMap.newKeySet();
    /** Values this server failed to delete while Redis was away: the sweep deletes them and tells the room. */
    private final Set<String> unreleased = ConcurrentHashMap.newKeySet();
    /** Deletions under way, which {@link #close()} waits for. */
    private final Set<CompletableFuture<?>> releasing = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService presence = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "chat-presence");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Consumer<String> departed = nickname -> { };
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Whether the last heartbeat reached Redis; read and written on the presence thread only. */
    private boolean reachable = true;

    private RedisNicknames(ClientResources resources, RedisClient client,
                           StatefulRedisConnection<String, String> connection, String prefix, String serverId,
                           Duration ttl) {
        this.resources = resources;
        this.client = client;
        this.connection = connection;
        this.prefix = prefix;
        this.hash = prefix + ":nicknames";
        this.serverId = serverId;
        this.ttl = ttl;
    }

    /**
     * Connects to Redis, sets this server's first heartbeat and starts refreshing it.
     *
     * @param redisUri such as {@code redis://localhost:6379}
     * @param prefix the start of every key, so that several chat rooms can share one Redis
     * @param serverId this server's id, unique among the servers of the room
     * @param ttl how long a server's nicknames outlive its last heartbeat
     * @throws IllegalStateException when Redis cannot be reached, with a message that says so
     */
    public static RedisNicknames connect(String redisUri, String prefix, String serverId, Duration ttl) {
        if (ttl.toMillis() < 3) {
            throw new IllegalArgumentException("The heartbeat TTL must be at least 3 ms, not " + ttl);
        }
        RedisURI uri = RedisURI.create(redisUri);
        uri.setTimeout(COMMAND_TIMEOUT);
        // Two threads are plenty for a few small commands a second; after an outage, try again at least every
        // RECONNECT_DELAY, not Lettuce's default of up to half a minute, so that users may join again soon.
        ClientResources resources = DefaultClientResources.builder().ioThreadPoolSize(1).computationThreadPoolSize(1)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(50), RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS))
                .build();
        RedisClient client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                // Fail at once while Redis is away, rather than queue commands that users wait on.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled())
                .socketOptions(SocketOptions.builder().connectTimeout(COMMAND_TIMEOUT).build())
                .build());
        try {
            RedisNicknames nicknames = new RedisNicknames(resources, client, client.connect(), prefix, serverId, ttl);
            nicknames.start();
            return nicknames;
        } catch (RedisException e) {
            client.shutdown(Duration.ZERO, COMMAND_TIMEOUT);
            resources.shutdown(0, COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            throw new IllegalStateException("Cannot reach Redis at " + uri.getHost() + ":" + uri.getPort() + ": "
                    + rootMessage(e), e);
        }
    }

    /** The TTL that {@value #TTL_PROPERTY} sets, {@link #DEFAULT_TTL} without it. */
    public static Duration configuredTtl() {
        return Duration.ofMillis(Long.getLong(TTL_PROPERTY, DEFAULT_TTL.toMillis()));
    }

    @Override
    public CompletableFuture<Boolean> claim(String connectionId, String nickname) {
        String key = NicknameRegistry.key(nickname);
        String value = new Entry(serverId, connectionId, nickname).value();
        claiming.add(value);
        return answered(connection.async().<Long>eval(CLAIM, ScriptOutputType.INTEGER, new String[] {hash}, key,
                value)).thenApply(won -> {
                    if (won == 1) {
                        claims.put(key, value);
                    }
                    return won == 1;
                }).whenComplete((won, failure) -> claiming.remove(value));
    }

    @Override
    public CompletableFuture<Void> release(String connectionId, String nickname) {
        String key = NicknameRegistry.key(nickname);
        String value = new Entry(serverId, connectionId, nickname).value();
        if (!claims.remove(key, value)) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Long> deleted = connection.async().<Long>eval(RELEASE, ScriptOutputType.INTEGER,
                new String[] {hash}, key, value).toCompletableFuture();
        releasing.add(deleted);
        return deleted.handle((count, failure) -> {
            releasing.remove(deleted);
            if (failure != null) {
                log.debug("Could not free the nickname '{}' yet: {}", LogSafe.escape(nickname), failure.toString());
                unreleased.add(value);
            }
            return null;
        });
    }

    @Override
    public CompletableFuture<List<String>> nicknames() {
        return answered(connection.async().hvals(hash)).thenApply(values -> values.stream().map(Entry::parse)
                .filter(Objects::nonNull).map(Entry::nickname).sorted(String.CASE_INSENSITIVE_ORDER).toList());
    }

    @Override
    public void onDeparted(Consumer<String> listener) {
        departed = listener;
    }

    /** Stops the heartbeat, lets the deletions under way finish, and removes the heartbeat so others sweep now. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        presence.shutdownNow();
        try {
            presence.awaitTermination(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            CompletableFuture.allOf(releasing.toArray(CompletableFuture[]::new))
                    .get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            connection.sync().del(heartbeat(serverId));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.debug("Could not tidy up in Redis on closing; the other servers sweep after the TTL", e);
        }
        connection.close();
        client.shutdown(Duration.ZERO, COMMAND_TIMEOUT);
        resources.shutdown(0, COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void start() {
        connection.sync().set(heartbeat(serverId), "alive", SetArgs.Builder.px(ttl.toMillis()));
        long period = Math.max(1, ttl.toMillis() / 3);
        presence.scheduleAtFixedRate(this::refresh, period, period, TimeUnit.MILLISECONDS);
    }

    /** Renews the heartbeat and sweeps; an outage is logged once, when it starts, and once when it ends. */
    private void refresh() {
        try {
            RedisCommands<String, String> redis = connection.sync();
            redis.set(heartbeat(serverId), "alive", SetArgs.Builder.px(ttl.toMillis()));
            sweep(redis);
            if (!reachable) {
                reachable = true;
                log.info("Redis is reachable again; the nicknames of this server's users are claimed there again");
            }
        } catch (RedisException e) {
            if (reachable) {
                reachable = false;
                log.warn("Cannot reach Redis ({}); nicknames cannot be claimed until it is back", rootMessage(e));
            }
        } catch (RuntimeException e) {
            // An exception would end the schedule: log it and keep the heartbeat going.
            log.error("Sweeping the chat's nicknames failed", e);
        }
    }

    private void sweep(RedisCommands<String, String> redis) {
        Map<String, String> entries = redis.hgetall(hash);
        Map<String, Boolean> alive = new HashMap<>(Map.of(serverId, true));
        entries.forEach((key, value) -> {
            Entry entry = Entry.parse(value);
            if (entry == null) {
                return;
            }
            if (entry.serverId().equals(serverId)) {
                if (!value.equals(claims.get(key)) && !claiming.contains(value)
                        && delete(redis, RELEASE, new String[] {hash}, key, value) && unreleased.remove(value)) {
                    announce(entry.nickname());
                }
            } else if (!alive.computeIfAbsent(entry.serverId(), id -> redis.exists(heartbeat(id)) > 0)
                    && delete(redis, SWEEP, new String[] {hash, heartbeat(entry.serverId())}, key, value)) {
                log.info("{} left: their server {} stopped", LogSafe.escape(entry.nickname()),
                        LogSafe.escape(entry.serverId()));
                announce(entry.nickname());
            }
        });
        unreleased.retainAll(entries.values());
        claims.forEach((key, value) -> {
            if (!value.equals(entries.get(key)) && redis.<Long>eval(CLAIM, ScriptOutputType.INTEGER,
                    new String[] {hash}, key, value) == 0) {
                log.warn("Redis lost the nickname of {}, and a user of another server has taken it since",
                        LogSafe.escape(value));
            }
        });
    }

    private static boolean delete(RedisCommands<String, String> redis, String script, String[] keys, String field,
                                  String value) {
        return redis.<Long>eval(script, ScriptOutputType.INTEGER, keys, field, value) == 1;
    }

    private void announce(String nickname) {
        try {
            departed.accept(nickname);
        } catch (RuntimeException e) {
            log.warn("Could not tell the room that {} left", LogSafe.escape(nickname), e);
        }
    }

    private String heartbeat(String server) {
        return prefix + ":server:" + server;
    }

    /** A command's result, or a failure that tells the user Redis is unreachable. */
    private static <T> CompletableFuture<T> answered(RedisFuture<T> command) {
        return command.toCompletableFuture().exceptionallyCompose(failure -> {
            log.debug("A Redis command failed: {}", failure.toString());
            return CompletableFuture.failedFuture(new HubException(UNREACHABLE, failure));
        });
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    /** An entry of the hash: who holds a nickname. Ids never contain '|'; the nickname, last, may. */
    private record Entry(String serverId, String connectionId, String nickname) {

        static Entry parse(String value) {
            String[] parts = value.split("\\|", 3);
            return parts.length == 3 ? new Entry(parts[0], parts[1], parts[2]) : null;
        }

        String value() {
            return serverId + '|' + connectionId + '|' + nickname;
        }
    }
}
