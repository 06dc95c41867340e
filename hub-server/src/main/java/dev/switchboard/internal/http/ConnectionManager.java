package dev.switchboard.internal.http;

import dev.switchboard.ConnectionRequest;
import dev.switchboard.ServerLimits;
import dev.switchboard.Transport;
import dev.switchboard.internal.connection.ServerConnection;
import dev.switchboard.internal.protocol.CloseMessage;
import dev.switchboard.internal.transport.LongPollingTransport;
import dev.switchboard.internal.transport.TransportSender;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every connection of the server, by its secret token, as the HTTP layer sees them: has connections made for
 * negotiate (and for WebSockets that skip it), finds them for requests and gives them their transport, keeps the
 * connection limit, runs the heartbeat that applies keep-alive, timeouts and expiry to all of them, and drains
 * them all when the server shuts down.
 *
 * <p>The limit counts connections that transports have taken up, and negotiated ones only for the hold
 * timeout: negotiates that never open a transport cannot lock users out for longer. A transport that takes a
 * connection up after its hold needs a free slot then; see {@link ConnectionSlots}.
 */
public final class ConnectionManager {

    private static final Logger log = LoggerFactory.getLogger(ConnectionManager.class);
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    private final Map<String, Entry> byToken = new ConcurrentHashMap<>();
    /** Ended connections' tokens, until when a late poll is still told 204 rather than 404. */
    private final Map<String, Ended> endedRecently = new ConcurrentHashMap<>();
    private final ConnectionSlots slots;
    private final long holdNanos;
    private final NegotiateRateLimit negotiateRate;
    private final SecureRandom random = new SecureRandom();
    private final ConnectionFactory factory;
    private final ScheduledExecutorService heartbeat =
            Executors.newSingleThreadScheduledExecutor(new DaemonThreads("switchboard-heartbeat-"));
    /** Set when shutdown begins: from then on no connection is created. */
    private volatile boolean stopping;

    /** Makes the connection object of a new connection. */
    @FunctionalInterface
    public interface ConnectionFactory {

        /**
         * @param connectionId the public id
         * @param connectionToken the secret token, the same as the id before negotiate version 1
         */
        ServerConnection create(String connectionId, String connectionToken, HubRoute route);
    }

    /**
     * A connection as the HTTP layer finds it: its hub, its place under the connection limit, and the long polling
     * transport that carries it, if one does, for its polls and its DELETE.
     */
    public static final class Entry {

        private final HubRoute route;
        private final ServerConnection connection;
        private final ConnectionSlots.Slot slot;
        private volatile LongPollingTransport polling;

        private Entry(HubRoute route, ServerConnection connection, ConnectionSlots.Slot slot) {
            this.route = route;
            this.connection = connection;
            this.slot = slot;
        }

        /** {@return the connection} */
        public ServerConnection connection() {
            return connection;
        }

        /** {@return which transport carries the connection, or null before one does} */
        public Transport transport() {
            return connection.transport();
        }

        /** {@return the long polling transport carrying the connection, or null when another or none does} */
        public LongPollingTransport polling() {
            return polling;
        }

        @Override
        public String toString() {
            return connection.toString();
        }
    }

    /** What came of a transport taking a connection up. */
    public enum TakeUp {
        /** The transport carries the connection now. */
        ATTACHED,
        /** The connection's hold ran out and no slot is free: refuse with 503, as negotiate would be. */
        FULL,
        /** Another transport has the connection, or it has ended. */
        UNAVAILABLE
    }

    private record Ended(HubRoute route, long until) {
    }

    /**
     * @param maxConnections the most connections at once, taken up by a transport or negotiated within the
     *        hold timeout; 0 for no limit
     * @param limits how long a negotiate holds a slot, and how often one address may negotiate
     */
    public ConnectionManager(ConnectionFactory factory, int maxConnections, ServerLimits limits) {
        this.slots = new ConnectionSlots(maxConnections > 0 ? maxConnections : Integer.MAX_VALUE);
        this.holdNanos = limits.negotiateHoldTimeout().toNanos();
        this.negotiateRate = new NegotiateRateLimit(limits.negotiatesPerSecondPerAddress(),
                limits.negotiateBurstPerAddress());
        this.factory = factory;
    }

    /**
     * A new connection of {@code route}, waiting for its transport; it holds one of the server's
     * connection slots until a transport takes it up, or for the hold timeout if none does.
     *
     * @param separateToken true for negotiate version 1, where the secret token differs from the public id
     * @return the connection's entry, or null when every slot is taken or the server is shutting down
     */
    public Entry create(HubRoute route, boolean separateToken) {
        if (stopping) {
            return null;
        }
        ConnectionSlots.Slot slot = slots.reserve(System.nanoTime());
        if (slot == null) {
            return null;
        }
        String id = newId();
        String token = separateToken ? newId() : id;
        ServerConnection connection = factory.create(id, token, route);
        Entry registered = new Entry(route, connection, slot);
        connection.onEnded(() -> {
            // Recorded before the token is forgotten, so that a late poll always finds one or the other.
            endedRecently.put(token, new Ended(route,
                    System.nanoTime() + route.options().disconnectTimeout().toNanos()));
            byToken.remove(token, registered);
            slot.free();
        });
        byToken.put(token, registered);
        if (stopping) {
            // Shutdown began after the check above and may not have seen this one: end it here.
            connection.close(CloseMessage.EMPTY, null);
            return null;
        }
        return registered;
    }

    /** The connection of {@code route} with this token, or null when unknown, expired or of another hub. */
    public Entry find(HubRoute route, String token) {
        Entry registered = byToken.get(token);
        return registered != null && registered.route == route ? registered : null;
    }

    /**
     * Gives the connection its transport if it may have one: the slot it holds since negotiate becomes the
     * transport's, or, once the hold has run out, a free slot is taken for it again. Every transport but long
     * polling takes a connection up through here.
     */
    public TakeUp attach(Entry entry, TransportSender transport, ConnectionRequest request) {
        return attach(entry, transport, null, request);
    }

    /** As {@link #attach(Entry, TransportSender, ConnectionRequest)}, for long polling, whose polls find it here. */
    public TakeUp attach(Entry entry, LongPollingTransport polling, ConnectionRequest request) {
        return attach(entry, polling, polling, request);
    }

    private TakeUp attach(Entry entry, TransportSender transport, LongPollingTransport polling,
                          ConnectionRequest request) {
        if (byToken.get(entry.connection.connectionToken()) != entry) {
            return TakeUp.UNAVAILABLE;
        }
        return switch (entry.slot.claim()) {
            case FULL -> TakeUp.FULL;
            case GONE -> TakeUp.UNAVAILABLE;
            // Only the claimer attaches: if it cannot, the connection is ending, and its end frees the slot.
            case CLAIMED -> {
                // Set first: the client's next poll can come as soon as the connection has its transport.
                entry.polling = polling;
                if (entry.connection.attach(transport, request)) {
                    yield TakeUp.ATTACHED;
                }
                entry.polling = null;
                yield TakeUp.UNAVAILABLE;
            }
        };
    }

    /**
     * Whether a transport taking {@code entry} up now would find a slot: it still holds its own, or one is free.
     * For refusing before a WebSocket opens; {@link #attach} decides.
     */
    public boolean hasSlotFor(Entry entry) {
        return entry.slot.claimable();
    }

    /** How often one client address may negotiate: off unless the server's limits set a rate. */
    public NegotiateRateLimit negotiateRate() {
        return negotiateRate;
    }

    /**
     * Whether the connection of {@code route} with this token ended a moment ago: the long polling
     * client may have sent a last poll along with its DELETE, which should learn of the end with 204.
     */
    public boolean endedRecently(HubRoute route, String token) {
        Ended ended = endedRecently.get(token);
        return ended != null && ended.route() == route;
    }

    /** Whether a new connection would be refused: every slot is taken, or the server is shutting down. */
    public boolean full() {
        return stopping || slots.full();
    }

    /** Whether shutdown has begun, so that new connections are refused for that reason. */
    public boolean stopping() {
        return stopping;
    }

    /** How many connections hold a slot now: those taken up by a transport, and those negotiated within the hold. */
    public int count() {
        return slots.count();
    }

    /** The connection limit, for messages; {@link Integer#MAX_VALUE} when there is none. */
    public int maxConnections() {
        return slots.max();
    }

    /** Starts the heartbeat; {@code tick} is how often time-based rules are checked. */
    public void start(Duration tick) {
        long millis = tick.toMillis();
        heartbeat.scheduleWithFixedDelay(this::beat, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void beat() {
        long now = System.nanoTime();
        endedRecently.values().removeIf(ended -> now - ended.until() > 0);
        negotiateRate.sweep(now);
        for (Entry registered : byToken.values()) {
            try {
                if (registered.slot.releaseIfHeldPast(now, holdNanos)) {
                    log.debug("Negotiated connection {} has no transport after {} ms: it no longer counts "
                            + "against the connection limit", registered, TimeUnit.NANOSECONDS.toMillis(holdNanos));
                }
                LongPollingTransport polling = registered.polling;
                if (polling != null) {
                    polling.expireIfIdle(now);
                }
                if (!registered.connection.tick(now)) {
                    byToken.remove(registered.connection.connectionToken(), registered);
                }
            } catch (Throwable e) {
                // Even an Error must not end the heartbeat: every connection's keep-alive depends on it.
                log.error("Heartbeat failed for {}", registered, e);
            }
        }
    }

    /**
     * Shuts down in order: new connections are refused from now on; each connection refuses the calls that
     * have not started and, once its running call has answered, tells its client to go, which may reconnect;
     * after {@code drainBound} every client still held is told so whatever it is running. Clients then have
     * {@code flush} to end their transports before the rest are cut; last, the heartbeat stops.
     */
    public void shutdown(Duration drainBound, Duration flush) {
        stopping = true;
        long drainDeadline = System.nanoTime() + drainBound.toNanos();
        log.info("Shutting down: draining {} connections for up to {} ms", byToken.size(), drainBound.toMillis());
        CloseMessage goingAway = new CloseMessage(null, true);
        CompletableFuture<?>[] drained = byToken.values().stream()
                .map(registered -> registered.connection.drain(goingAway))
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
        byToken.values().forEach(registered -> registered.connection.close(goingAway, null));
        long flushDeadline = System.nanoTime() + flush.toNanos();
        while (!byToken.isEmpty() && System.nanoTime() < flushDeadline && !Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        byToken.values().forEach(registered -> registered.connection.terminate());
        heartbeat.shutdownNow();
        try {
            heartbeat.awaitTermination(flush.toMillis(), TimeUnit.MILLISECONDS);
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
