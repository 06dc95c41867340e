package dev.switchboard.internal.http;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How often each client address may negotiate: a token bucket per address, {@code burst} deep and refilled at
 * {@code perSecond}, kept as the time at which it will be full again (GCRA). The address is the socket's peer,
 * never a header a client could write; an IPv6 address counts by its /64, which one host usually holds whole.
 *
 * <p>The table stays small: a bucket that has refilled is forgotten by the heartbeat, since a new one would be
 * the same, and it holds at most {@link #MAX_ADDRESSES}. Past that, new addresses go unlimited until there is room
 * again: refusing them would refuse strangers for what others did. Off, it keeps no table and checks one field.
 */
public final class NegotiateRateLimit {

    /** About 5 MB of buckets at most. */
    static final int MAX_ADDRESSES = 65_536;
    private static final Logger log = LoggerFactory.getLogger(NegotiateRateLimit.class);
    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    /** Nanoseconds one negotiate uses up; 0 when there is no limit. */
    private final long interval;
    /** How far ahead of now a bucket's full-again time may be: {@code burst} negotiates' worth. */
    private final long depth;
    /** Each address's time (System.nanoTime) at which its bucket is full again. */
    private final Map<Address, Long> fullAt;
    private final AtomicBoolean overflowLogged = new AtomicBoolean();

    /** An IPv4 address, or an IPv6 /64. */
    private record Address(boolean v6, long bits) {
    }

    /**
     * @param perSecond negotiates a second per address, on average; 0 for no limit
     * @param burst how many negotiates an address may make at once
     */
    NegotiateRateLimit(int perSecond, int burst) {
        this.interval = perSecond > 0 ? Math.max(1, NANOS_PER_SECOND / perSecond) : 0;
        this.depth = interval * burst;
        this.fullAt = perSecond > 0 ? new ConcurrentHashMap<>() : Map.of();
    }

    /**
     * Takes one negotiate from the bucket of {@code peer}'s address.
     *
     * @return 0 when it may negotiate now, or else how many seconds until it may again (at least 1)
     */
    public long retryAfterSeconds(Object peer, long now) {
        if (interval == 0 || !(peer instanceof InetSocketAddress socket) || socket.getAddress() == null) {
            return 0;
        }
        Address address = key(socket.getAddress());
        if (!fullAt.containsKey(address) && fullAt.size() >= MAX_ADDRESSES) {
            if (overflowLogged.compareAndSet(false, true)) {
                log.warn("Negotiate rate limit tracks {} addresses, its most: new addresses are not limited until "
                        + "some have been idle", MAX_ADDRESSES);
            }
            return 0;
        }
        long[] wait = new long[1];
        // Under the map's lock for this address, which the heartbeat's sweep takes too.
        fullAt.compute(address, (key, full) -> {
            long next = (full == null || full - now < 0 ? now : full) + interval;
            if (next - now > depth) {
                wait[0] = next - now - depth;
                return full;
            }
            return next;
        });
        return wait[0] == 0 ? 0 : Math.max(1, (wait[0] + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND);
    }

    /** Forgets the addresses whose buckets are full again; on the heartbeat. */
    void sweep(long now) {
        if (interval == 0) {
            return;
        }
        for (Address address : fullAt.keySet()) {
            fullAt.computeIfPresent(address, (key, full) -> full - now <= 0 ? null : full);
        }
        if (fullAt.size() < MAX_ADDRESSES) {
            overflowLogged.set(false);
        }
    }

    private static Address key(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return new Address(false, ByteBuffer.wrap(bytes).getInt() & 0xFFFF_FFFFL);
        }
        return new Address(true, ByteBuffer.wrap(bytes).getLong());
    }
}
