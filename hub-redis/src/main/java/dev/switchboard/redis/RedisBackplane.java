package dev.switchboard.redis;

import dev.switchboard.Backplane;
import dev.switchboard.spi.HubLifetimeManager;
import dev.switchboard.spi.LifetimeManagerSettings;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs hubs on many servers through Redis pub/sub, as SignalR's Redis backplane and socket.io's Redis adapter
 * do. Each server has one backplane; servers sharing a Redis and a channel prefix form one hub, so every
 * {@code Clients} target, every group change and every client result reaches connections on any of them.
 *
 * <pre>{@code
 * RedisBackplane backplane = RedisBackplane.builder("redis://localhost:6379").channelPrefix("chat").build();
 * HubServer server = HubServer.builder().hub("/chat", ChatHub.class).backplane(backplane).build().start();
 * ...
 * server.close();
 * backplane.close();
 * }</pre>
 *
 * <p>A server serves its own connections directly and publishes for the others, so when Redis goes away each
 * server keeps serving its own connections. The outage is logged once; the backplane reconnects by itself and
 * cross-server delivery resumes. What was published meanwhile is lost: Redis pub/sub keeps nothing.
 */
public final class RedisBackplane implements Backplane, AutoCloseable {

    /** The channel prefix when none is given. */
    public static final String DEFAULT_CHANNEL_PREFIX = "switchboard";

    private static final Logger log = LoggerFactory.getLogger(RedisBackplane.class);
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    /** Publishes waiting for Redis beyond this many fail rather than fill the heap. */
    private static final int MAX_QUEUED_COMMANDS = 65_536;
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final String serverId = UUID.randomUUID().toString();
    private final String channelPrefix;
    private final String address;
    private final ClientResources resources;
    private final RedisClient client;
    private final StatefulRedisPubSubConnection<String, byte[]> subscriber;
    private final StatefulRedisConnection<String, byte[]> publisher;
    private final Map<String, RedisHubLifetimeManager> hubs = new ConcurrentHashMap<>();
    /** The channels this server listens on: the truth that subscriptions are brought back to after an outage. */
    private final Set<String> channels = ConcurrentHashMap.newKeySet();
    /** Channels left while Redis was away, which Lettuce would subscribe again on reconnecting. */
    private final Set<String> leftWhileDown = ConcurrentHashMap.newKeySet();
    /** Subscriptions not yet confirmed, by channel. */
    private final Map<String, CompletableFuture<Void>> confirming = new ConcurrentHashMap<>();
    private final Set<RedisChannelHandler<?, ?>> down = new HashSet<>();
    private volatile boolean closed;

    private RedisBackplane(Builder builder) {
        RedisURI uri = RedisURI.create(builder.uri);
        this.channelPrefix = builder.channelPrefix;
        this.address = uri.getHost() + ":" + uri.getPort();
        this.resources = ClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2)
                .reconnectDelay(Delay.exponential(Duration.ofMillis(100), builder.maxReconnectDelay, 2,
                        TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // Commands during an outage fail at once: a publish is lost rather than queued without bound.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(MAX_QUEUED_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(5)).keepAlive(true).build())
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(10)))
                .build());
        try {
            this.subscriber = client.connectPubSub(CODEC);
            this.publisher = client.connect(CODEC);
        } catch (RedisException e) {
            shutDownClient();
            throw new IllegalStateException("Cannot reach Redis at " + address + ": " + e.getMessage(), e);
        }
        subscriber.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, byte[] message) {
                route(channel, message);
            }
        });
        client.addListener(new OutageLog());
        log.info("Redis backplane connected to {} as server {}, channels {}:*", address, serverId, channelPrefix);
    }

    /**
     * A backplane on the Redis at {@code redisUri}, with the default prefix.
     *
     * @param redisUri Redis's address, such as {@code redis://localhost:6379}
     * @return the backplane, connected
     * @throws IllegalArgumentException for a URI that is not a Redis URI
     * @throws IllegalStateException when Redis cannot be reached, with the reason
     */
    public static RedisBackplane connect(String redisUri) {
        return builder(redisUri).build();
    }

    /**
     * Configures a backplane on the Redis at {@code redisUri}.
     *
     * @param redisUri Redis's address, such as {@code redis://:password@host:6379/0}
     * @return a builder, which connects once built
     */
    public static Builder builder(String redisUri) {
        return new Builder(redisUri);
    }

    /** {@return this server's id on the backplane, random and unique per backplane} */
    public String serverId() {
        return serverId;
    }

    /** {@return the start of every channel this backplane uses} */
    public String channelPrefix() {
        return channelPrefix;
    }

    /** {@return whether both connections to Redis are up, so that messages reach the other servers} */
    public boolean isConnected() {
        synchronized (down) {
            return down.isEmpty() && subscriber.isOpen() && publisher.isOpen();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>The manager writes what it publishes for the other servers in every protocol of {@code settings}, and
     * waits for a client result from another server as long as the hub's client result timeout allows.
     *
     * @throws IllegalStateException when the hub already runs on this backplane: each server needs its own
     */
    @Override
    public HubLifetimeManager lifetimeManager(LifetimeManagerSettings settings) {
        Channels hubChannels = Channels.of(channelPrefix, settings.hub());
        RedisHubLifetimeManager manager = new RedisHubLifetimeManager(this, hubChannels, settings);
        if (hubs.putIfAbsent(hubChannels.hub(), manager) != null) {
            throw new IllegalStateException("Hub " + settings.hub().getName() + " already runs on this backplane; "
                    + "each server needs a RedisBackplane of its own");
        }
        manager.listen();
        return manager;
    }

    /** Stops listening and disconnects from Redis; call it after closing the servers that use it. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        hubs.values().forEach(RedisHubLifetimeManager::backplaneClosed);
        shutDownClient();
        log.info("Redis backplane of server {} closed", serverId);
    }

    // ---- for the lifetime managers

    /** Publishes one message; completes with the number of servers that received it. */
    CompletableFuture<Long> publish(String channel, Envelope envelope) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("The Redis backplane is closed"));
        }
        return publisher.async().publish(channel, Envelope.write(envelope)).toCompletableFuture();
    }

    /** Listens on {@code channel}; completes once Redis has confirmed it, or refused it while away. */
    CompletableFuture<Void> subscribe(String channel) {
        channels.add(channel);
        leftWhileDown.remove(channel);
        if (closed) {
            return DONE;
        }
        // A subscription Redis refused while away is made again on reconnecting, from the channel set.
        CompletableFuture<Void> confirmed = subscriber.async().subscribe(channel).toCompletableFuture()
                .handle((ignored, failure) -> null);
        confirming.put(channel, confirmed);
        confirmed.whenComplete((ignored, failure) -> confirming.remove(channel, confirmed));
        return confirmed;
    }

    /** Completes once the latest subscription to {@code channel} is confirmed, so that a publish reaches it. */
    CompletableFuture<Void> subscribed(String channel) {
        return confirming.getOrDefault(channel, DONE);
    }

    void unsubscribe(String channel) {
        channels.remove(channel);
        if (!closed) {
            subscriber.async().unsubscribe(channel).exceptionally(failure -> {
                if (!channels.contains(channel)) {
                    leftWhileDown.add(channel);
                }
                return null;
            });
        }
    }

    private void route(String channel, byte[] message) {
        int hubEnd = channel.indexOf(':', channelPrefix.length() + 1);
        RedisHubLifetimeManager manager = hubEnd < 0 ? null : hubs.get(channel.substring(0, hubEnd + 1));
        if (manager != null) {
            manager.receive(channel.substring(hubEnd + 1), message);
        }
    }

    /** Brings the subscriptions back to {@link #channels} after the subscriber reconnected. */
    private void resubscribe() {
        Set<String> stale = new HashSet<>(leftWhileDown);
        stale.removeAll(channels);
        leftWhileDown.clear();
        if (!stale.isEmpty()) {
            subscriber.async().unsubscribe(stale.toArray(String[]::new));
        }
        if (!channels.isEmpty()) {
            subscriber.async().subscribe(channels.toArray(String[]::new));
        }
    }

    private void shutDownClient() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS);
    }

    /** Logs an outage once when the first connection drops and once when the last comes back, not per message. */
    private final class OutageLog implements RedisConnectionStateListener {

        @Override
        public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
            if (closed) {
                return;
            }
            synchronized (down) {
                if (down.add(connection) && down.size() == 1) {
                    log.warn("Lost the connection to Redis at {}. This server keeps serving its own connections; "
                            + "messages to and from other servers are lost until Redis is back.", address);
                }
            }
        }

        @Override
        public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress socketAddress) {
            boolean back;
            synchronized (down) {
                back = down.remove(connection) && down.isEmpty();
            }
            if (connection == subscriber) {
                resubscribe();
            }
            if (back) {
                log.info("Reconnected to Redis at {}; messages reach the other servers again.", address);
            }
        }
    }

    /** Configures a {@link RedisBackplane}. */
    public static final class Builder {

        private final String uri;
        private String channelPrefix = DEFAULT_CHANNEL_PREFIX;
        private Duration maxReconnectDelay = Duration.ofSeconds(2);

        private Builder(String uri) {
            this.uri = Objects.requireNonNull(uri, "uri");
        }

        /**
         * The start of every channel name, {@value #DEFAULT_CHANNEL_PREFIX} by default; give each application
         * sharing one Redis a prefix of its own.
         *
         * @param value the prefix, not blank
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is blank
         */
        public Builder channelPrefix(String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("A channel prefix cannot be blank");
            }
            this.channelPrefix = value;
            return this;
        }

        /**
         * The longest wait between attempts to reconnect to Redis, 2 s by default; the first waits 100 ms.
         *
         * @param value the longest wait, at least 100 ms
         * @return this builder
         * @throws IllegalArgumentException when {@code value} is shorter than 100 ms
         */
        public Builder maxReconnectDelay(Duration value) {
            if (value == null || value.compareTo(Duration.ofMillis(100)) < 0) {
                throw new IllegalArgumentException("maxReconnectDelay must be at least 100 ms, not " + value);
            }
            this.maxReconnectDelay = value;
            return this;
        }

        /**
         * Connects to Redis.
         *
         * @return the backplane, connected
         * @throws IllegalArgumentException for a URI that is not a Redis URI
         * @throws IllegalStateException when Redis cannot be reached, with the reason
         */
        public RedisBackplane build() {
            return new RedisBackplane(this);
        }
    }
}
