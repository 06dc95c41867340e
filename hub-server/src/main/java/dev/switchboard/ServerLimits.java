package dev.switchboard;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits that protect the server itself from its clients, on every socket before it belongs to a hub, with
 * Kestrel's names and, where Kestrel has them, its defaults. Immutable; start from {@link #defaults()}:
 * {@code HubServer.builder().limits(ServerLimits.defaults().withMaxConcurrentSockets(10_000))}.
 *
 * <p>Held long-polling requests and event streams are exempt from the HTTP timeouts, since they are meant to be
 * long, and so are open WebSockets, whose silence the hub's keep-alive and client timeout judge.
 *
 * @param requestHeadersTimeout a request's head (request line and header fields), a WebSocket upgrade's
 *        included, must arrive whole within this of its first byte, or the socket is closed with 408 (30 s,
 *        as Kestrel)
 * @param keepAliveTimeout an HTTP connection that waits this long for its next request is closed (120 s)
 * @param minRequestBodyDataRate the slowest a request body may arrive, in bytes per second, averaged from the
 *        start of the body; a slower one is answered 408 and its socket closed (240, as Kestrel); 0 for none
 * @param minRequestBodyDataRateGracePeriod how long a body may take before its rate is judged (5 s, as Kestrel)
 * @param maxConcurrentSockets the most TCP connections open at once, idle and upgraded ones included; one past
 *        it is closed as soon as it is accepted (0, no limit, as Kestrel's {@code MaxConcurrentConnections}).
 *        Whatever this says, when the process runs out of file descriptors the server stops accepting for a
 *        moment, logs it once, and accepts again once descriptors are free
 * @param negotiateHoldTimeout a negotiated connection that no transport has taken up within this stops
 *        counting against {@link HubServer.Builder#maxConnections(int)} (5 s); it may still be taken up until
 *        the hub's {@link HubOptions#disconnectTimeout()}, if a slot is free then
 * @param negotiatesPerSecondPerAddress how many negotiates one client address may make each second, on
 *        average, before it is answered {@code 429 Too Many Requests} with {@code Retry-After} (0, no limit).
 *        The address is the socket's peer, never a forwarding header; an IPv6 address counts by its /64, which
 *        one host usually holds whole. Behind a proxy every client has the proxy's address: leave it off there
 *        and limit rates in the proxy
 * @param negotiateBurstPerAddress how many negotiates one address may make at once, within that rate
 * @param maxRequestBodySize the largest request body an HTTP route or before-handler reads, in bytes; a larger
 *        one is answered {@code 413 Payload Too Large} (30,000,000, as Kestrel's {@code MaxRequestBodySize}). The
 *        hubs' own requests are bounded by {@link HubOptions#maximumReceiveMessageSize()} instead
 */
public record ServerLimits(Duration requestHeadersTimeout, Duration keepAliveTimeout, int minRequestBodyDataRate,
                           Duration minRequestBodyDataRateGracePeriod, int maxConcurrentSockets,
                           Duration negotiateHoldTimeout, int negotiatesPerSecondPerAddress,
                           int negotiateBurstPerAddress, long maxRequestBodySize) {

    /** The longest any of the durations may be: beyond it they would overflow the nanosecond clock's sums. */
    private static final Duration LONGEST = Duration.ofDays(365);

    /**
     * Checks the limits. Start from {@link #defaults()} rather than from here, where every limit must be given.
     *
     * @param requestHeadersTimeout how long a request's head may take to arrive
     * @param keepAliveTimeout how long an HTTP connection may wait for its next request
     * @param minRequestBodyDataRate the slowest a request body may arrive, in bytes per second; 0 for none
     * @param minRequestBodyDataRateGracePeriod how long a body may take before its rate is judged
     * @param maxConcurrentSockets the most TCP connections open at once; 0 for no limit
     * @param negotiateHoldTimeout how long a negotiated connection counts against the connection limit untaken
     * @param negotiatesPerSecondPerAddress the negotiates one address may make each second; 0 for no limit
     * @param negotiateBurstPerAddress the negotiates one address may make at once
     * @param maxRequestBodySize the largest body an HTTP route reads, in bytes, at least 1
     * @throws IllegalArgumentException for a duration that is not positive (a grace period may be zero) or is
     *         longer than a year, a negative number, or a rate limit without a burst
     */
    public ServerLimits {
        positive(requestHeadersTimeout, "requestHeadersTimeout");
        positive(keepAliveTimeout, "keepAliveTimeout");
        notNegative(minRequestBodyDataRate, "minRequestBodyDataRate");
        Objects.requireNonNull(minRequestBodyDataRateGracePeriod, "minRequestBodyDataRateGracePeriod");
        Duration grace = minRequestBodyDataRateGracePeriod;
        if (grace.isNegative() || grace.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("minRequestBodyDataRateGracePeriod must be from zero to 365 days");
        }
        notNegative(maxConcurrentSockets, "maxConcurrentSockets");
        positive(negotiateHoldTimeout, "negotiateHoldTimeout");
        notNegative(negotiatesPerSecondPerAddress, "negotiatesPerSecondPerAddress");
        if (negotiatesPerSecondPerAddress > 0 && negotiateBurstPerAddress < 1) {
            throw new IllegalArgumentException("negotiateBurstPerAddress must be at least 1 with a rate limit");
        }
        notNegative(negotiateBurstPerAddress, "negotiateBurstPerAddress");
        if (maxRequestBodySize < 1) {
            throw new IllegalArgumentException("maxRequestBodySize must be at least 1");
        }
    }

    /** {@return Kestrel's defaults where it has the limit, and ours where it has none} */
    public static ServerLimits defaults() {
        return new ServerLimits(Duration.ofSeconds(30), Duration.ofSeconds(120), 240, Duration.ofSeconds(5), 0,
                Duration.ofSeconds(5), 0, 0, 30_000_000);
    }

    /**
     * {@return a copy with this {@link #requestHeadersTimeout()}}
     *
     * @param value the new timeout, positive and at most a year
     * @throws IllegalArgumentException when {@code value} is out of range
     */
    public ServerLimits withRequestHeadersTimeout(Duration value) {
        return new ServerLimits(value, keepAliveTimeout, minRequestBodyDataRate, minRequestBodyDataRateGracePeriod,
                maxConcurrentSockets, negotiateHoldTimeout, negotiatesPerSecondPerAddress, negotiateBurstPerAddress,
                maxRequestBodySize);
    }

    /**
     * {@return a copy with this {@link #keepAliveTimeout()}}
     *
     * @param value the new timeout, positive and at most a year
     * @throws IllegalArgumentException when {@code value} is out of range
     */
    public ServerLimits withKeepAliveTimeout(Duration value) {
        return new ServerLimits(requestHeadersTimeout, value, minRequestBodyDataRate,
                minRequestBodyDataRateGracePeriod, maxConcurrentSockets, negotiateHoldTimeout,
                negotiatesPerSecondPerAddress, negotiateBurstPerAddress, maxRequestBodySize);
    }

    /**
     * The slowest body rate, and how long a body may take before it is judged.
     *
     * @param bytesPerSecond the slowest rate, averaged from the start of the body; 0 for none
     * @param gracePeriod how long a body may take before its rate is judged, from zero to a year
     * @return a copy with these limits
     * @throws IllegalArgumentException when a value is out of range
     */
    public ServerLimits withMinRequestBodyDataRate(int bytesPerSecond, Duration gracePeriod) {
        return new ServerLimits(requestHeadersTimeout, keepAliveTimeout, bytesPerSecond, gracePeriod,
                maxConcurrentSockets, negotiateHoldTimeout, negotiatesPerSecondPerAddress, negotiateBurstPerAddress,
                maxRequestBodySize);
    }

    /**
     * {@return a copy with this {@link #maxConcurrentSockets()}}
     *
     * @param value the most TCP connections open at once; 0 for no limit
     * @throws IllegalArgumentException when {@code value} is negative
     */
    public ServerLimits withMaxConcurrentSockets(int value) {
        return new ServerLimits(requestHeadersTimeout, keepAliveTimeout, minRequestBodyDataRate,
                minRequestBodyDataRateGracePeriod, value, negotiateHoldTimeout, negotiatesPerSecondPerAddress,
                negotiateBurstPerAddress, maxRequestBodySize);
    }

    /**
     * {@return a copy with this {@link #negotiateHoldTimeout()}}
     *
     * @param value the new timeout, positive and at most a year
     * @throws IllegalArgumentException when {@code value} is out of range
     */
    public ServerLimits withNegotiateHoldTimeout(Duration value) {
        return new ServerLimits(requestHeadersTimeout, keepAliveTimeout, minRequestBodyDataRate,
                minRequestBodyDataRateGracePeriod, maxConcurrentSockets, value, negotiatesPerSecondPerAddress,
                negotiateBurstPerAddress, maxRequestBodySize);
    }

    /**
     * At most {@code perSecond} negotiates a second from one address, {@code burst} at once; 0, 0 for none.
     *
     * @param perSecond the negotiates one address may make each second, on average; 0 for no limit
     * @param burst the negotiates one address may make at once; at least 1 with a limit
     * @return a copy with this rate limit
     * @throws IllegalArgumentException when a value is negative, or a limit has no burst
     */
    public ServerLimits withNegotiateRateLimit(int perSecond, int burst) {
        return new ServerLimits(requestHeadersTimeout, keepAliveTimeout, minRequestBodyDataRate,
                minRequestBodyDataRateGracePeriod, maxConcurrentSockets, negotiateHoldTimeout, perSecond, burst,
                maxRequestBodySize);
    }

    /**
     * {@return a copy with this {@link #maxRequestBodySize()}}
     *
     * @param value the largest body an HTTP route reads, in bytes, at least 1
     * @throws IllegalArgumentException when {@code value} is less than 1
     */
    public ServerLimits withMaxRequestBodySize(long value) {
        return new ServerLimits(requestHeadersTimeout, keepAliveTimeout, minRequestBodyDataRate,
                minRequestBodyDataRateGracePeriod, maxConcurrentSockets, negotiateHoldTimeout,
                negotiatesPerSecondPerAddress, negotiateBurstPerAddress, value);
    }

    private static void positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero() || value.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException(name + " must be positive and at most 365 days");
        }
    }

    private static void notNegative(int value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be zero or more");
        }
    }
}
