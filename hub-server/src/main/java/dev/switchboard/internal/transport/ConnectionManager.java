package dev.switchboard.internal.transport;

import dev.switchboard.ServerLimits;
import dev.switchboard.internal.connection.HubConnection;
import dev.switchboard.internal.protocol.CloseMessage;
import dev.switchboard.internal.protocol.HandshakeProtocol;
import dev.switchboard.internal.protocol.HubProtocol;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every connection of the server, by its secret token. Creates connections for negotiate (and for
 * WebSockets that skip it), finds them for transports, runs the heartbeat that applies keep-alive,
 * timeouts and expiry to all of them, and drains them all when the server shuts down.
 */
public final class ConnectionManager {

    private static final Logger log = LoggerFactory.getLogger(ConnectionManager.class);
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    private final Map<String, Registered> byToken = new ConcurrentHashMap<>();
    /** Ended connections' tokens, until when a late poll is still told 204 rather than 404. */
    private final Map<String, Ended> endedRecently = new ConcurrentHashMap<>();
    private final AtomicInteger count = new AtomicInteger();
    private final int maxConnections;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, HubProtocol> protocols;
    private final HandshakeProtocol handshake;
    private final Executor hubExecutor;
    /** Writes every connection's queued messages: a thread per core, since writes never block. */
    private final ExecutorService senders = Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(), new DaemonThreads("switchboard-send-"));
    private final ScheduledExecutorService heartbeat =
            Executors.newSingleThreadScheduledExecutor(new DaemonThreads("switchboard-heartbeat-"));
    /** Set when shutdown begins: from then on no connection is created. */
    private volatile boolean stopping;

    /** A connection and the hub it belongs to. */
    public record Registered(HubEndpoint endpoint, HubConnection connection) {
    }

    private record Ended(HubEndpoint endpoint, long until) {
    }

    /**
     * @param maxConnections the most connections at once, negotiated ones included; 0 for no limit
     * @param limits how long a negotiate holds a slot, and how often one address may negotiate
     */
    public ConnectionManager(Map<String, HubProtocol> protocols, HandshakeProtocol handshake, Executor hubExecutor,
                             int maxConnections, ServerLimits limits) {
        this.maxConnections = maxConnections > 0 ? maxConnections : Integer.MAX_VALUE;
        this.protocols = protocols;
        this.handshake = handshake;
        this.hubExecutor = hubExecutor;
    }

    /**
     * A new connection of {@code endpoint}, waiting for its transport; it holds one of the server's
     * connection slots until it ends or expires.
     *
     * @param separateToken true for negotiate version 1, where the secret token differs from the public id
     * @return the connection, or null when every slot is taken or the server is shutting down
     */
    public HubConnection create(HubEndpoint endpoint, boolean separateToken) {
        if (stopping || !reserveSlot()) {
            return null;
        }
        String id = newId();
        String token = separateToken ? newId() : id;
        HubConnection connection = new HubConnection(id, token, endpoint.options(), endpoint.handler(), protocols,
                handshake, hubExecutor, senders);
        Registered registered = new Registered(endpoint, connection);
        connection.onEnded(() -> {
            // Recorded before the token is forgotten, so that a late poll always finds one or the other.
            endedRecently.put(token, new Ended(endpoint,
                    System.nanoTime() + endpoint.options().disconnectTimeout().toNanos()));
            byToken.remove(token, registered);
            count.decrementAndGet();
        });
        byToken.put(token, registered);
        if (stopping) {
            // Shutdown began after the check above and may not have seen this one: end it here.
            connection.close(CloseMessage.EMPTY, null);
            return null;
        }
        return connection;
    }

    /** The connection of {@code endpoint} with this token, or null when unknown, expired or of another hub. */
    public HubConnection find(HubEndpoint endpoint, String token) {
        Registered registered = byToken.get(token);
        return registered != null && registered.endpoint() == endpoint ? registered.connection() : null;
    }

    /**
     * Whether the connection of {@code endpoint} with this token ended a moment ago: the long polling
     * client may have sent a last poll along with its DELETE, which should learn of the end with 204.
     */
    public boolean endedRecently(HubEndpoint endpoint, String token) {
        Ended ended = endedRecently.get(token);
        return ended != null && ended.endpoint() == endpoint;
    }

    /** Whether a new connection would be refused: every slot is taken, or the server is shutting down. */
    public boolean full() {
        return stopping || count.get() >= maxConnections;
    }

    /** Whether shutdown has begun, so that new connections are refused for that reason. */
    public boolean stopping() {
        return stopping;
    }

    /** How many connections hold a slot now. */
    public int count() {
        return count.get();
    }

    /** The connection limit, for messages; {@link Integer#MAX_VALUE} when there is none. */
    public int maxConnections() {
        return maxConnections;
    }

    private boolean reserveSlot() {
        int current;
        do {
            current = count.get();
            if (current >= maxConnections) {
                return false;
            }
        } while (!count.compareAndSet(current, current + 1));
        return true;
    }

    /** Starts the heartbeat; {@code tick} is how often time-based rules are checked. */
    public void start(Duration tick) {
        long millis = tick.toMillis();
        heartbeat.scheduleWithFixedDelay(this::beat, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void beat() {
        long now = System.nanoTime();
        endedRecently.values().removeIf(ended -> now - ended.until() > 0);
        for (Registered registered : byToken.values()) {
            try {
                if (!registered.connection().tick(now)) {
                    byToken.remove(registered.connection().connectionToken(), registered);
                }
            } catch (Throwable e) {
                // Even an Error must not end the heartbeat: every connection's keep-alive depends on it.
                log.error("Heartbeat failed for {}", registered.connection(), e);
            }
        }
    }

    /**
     * Shuts down in order: new connections are refused from now on; each connection refuses the calls that
     * have not started and, once its running call has answered, tells its client to go, which may reconnect;
     * after {@code drainBound} every client still held is told so whatever it is running. Clients then have
     * {@code flush} to end their transports before the rest are cut; last, the heartbeat and senders stop.
     */
    public void shutdown(Duration drainBound, Duration flush) {
        stopping = true;
        long drainDeadline = System.nanoTime() + drainBound.toNanos();
        log.info("Shutting down: draining {} connections for up to {} ms", count.get(), drainBound.toMillis());
        CloseMessage goingAway = new CloseMessage(null, true);
        CompletableFuture<?>[] drained = byToken.values().stream()
                .map(registered -> registered.connection().drain(goingAway))
                .toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(drained).get(Math.max(0, drainDeadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            log.warn("Calls still running after the shutdown timeout of {} ms are cut off", drainBound.toMillis());
        } catch (ExecutionException e) {
            log.error("Draining a connection failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byToken.values().forEach(registered -> registered.connection().close(goingAway, null));
        long flushDeadline = System.nanoTime() + flush.toNanos();
        while (!byToken.isEmpty() && System.nanoTime() < flushDeadline && !Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        byToken.values().forEach(registered -> registered.connection().terminate());
        heartbeat.shutdownNow();
        senders.shutdown();
        try {
            heartbeat.awaitTermination(flush.toMillis(), TimeUnit.MILLISECONDS);
            senders.awaitTermination(flush.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String newId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return URL_SAFE.encodeToString(bytes);
    }
}
