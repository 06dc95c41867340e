package dev.switchboard.internal.http;

import dev.switchboard.ServerLimits;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP socket's place in its exchange of requests and responses, and what the {@link ServerLimits} say of it;
 * kept small, since every HTTP socket has one. Grizzly's threads tell it what happens on the socket, and the
 * {@link HttpDeadlines} sweeper asks for a {@link Verdict}.
 */
final class HttpExchange {

    /** As Kestrel's RequestBodyDrainTimeout: the rest of a body answered before it arrived must come within this. */
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** How long a timed-out socket may take to send its last bytes before it is dropped. */
    private static final long CLOSING_NANOS = TimeUnit.SECONDS.toNanos(2);

    /** Where a socket is in its exchange. */
    private enum Phase {
        /** Waiting for a request's first byte: the keep-alive clock. */
        IDLE,
        /** Reading a request's head, or a TLS handshake: the head clock. */
        HEAD,
        /** Reading a request's body: its rate is judged. */
        BODY,
        /** Answering a request read whole: not timed. */
        BUSY,
        /**
         * Skipping the rest of a body the response went out before, as Grizzly does: its rate and the drain time
         * are judged. Where the rest ends is Grizzly's to know, so a connection idle after it closes at the drain
         * time.
         */
        DRAIN,
        /** Closed for a timeout, its last bytes going out. */
        CLOSING
    }

    /** What the sweeper does to a socket. */
    enum Verdict {
        NONE,
        /** Close it: it waited too long for a request. */
        IDLE,
        /** 408 and close: its request head is late. */
        HEAD_LATE,
        /** 408 and close: its request body is too slow. */
        BODY_SLOW,
        /** Close it: the rest of a body already answered is too slow. */
        DRAIN_SLOW,
        /** Drop it: it was closed and has still not taken its last bytes. */
        DROP
    }

    private Phase phase = Phase.IDLE;
    private long since;
    private long bodyStart;
    private long bodyBytes;
    /** The response to the request whose body is being read has begun. */
    private boolean answering;

    HttpExchange(long now) {
        since = now;
    }

    /** Bytes arrived, as the transport read them. */
    synchronized void arrived(int bytes, long now) {
        if (phase == Phase.IDLE) {
            enter(Phase.HEAD, now);
        } else if (phase == Phase.BODY || phase == Phase.DRAIN) {
            bodyBytes += bytes;
        }
    }

    /**
     * A request's content, as the codec parsed it; true when it is the first, its head just complete. Content of a
     * request already answered (a refused upgrade's) is not a new request.
     */
    synchronized boolean read(boolean fresh, boolean last, boolean upgrade, int bytes, long now) {
        if (fresh && (phase == Phase.IDLE || phase == Phase.HEAD || phase == Phase.DRAIN)) {
            answering = false;
            if (upgrade || last) {
                enter(Phase.BUSY, now);
            } else {
                enter(Phase.BODY, now);
                bodyStart = now;
                bodyBytes = bytes;
            }
            return true;
        }
        if (phase == Phase.BODY && last) {
            enter(Phase.BUSY, now);
        }
        return false;
    }

    /** A response is being written. */
    synchronized void answers() {
        if (phase == Phase.BODY) {
            answering = true;
        }
    }

    /** A response is complete; the rest of its request's body may still be coming. */
    synchronized void responded(boolean bodyLeft, long now) {
        if (phase != Phase.CLOSING) {
            enter(bodyLeft ? Phase.DRAIN : Phase.IDLE, now);
        }
    }

    /** A TLS handshake, which the head clock timed, is done: a request is awaited. */
    synchronized void handshaken(long now) {
        if (phase == Phase.HEAD) {
            enter(Phase.IDLE, now);
        }
    }

    /** A request is answered, and the socket kept: a refused upgrade's. */
    synchronized void idle(long now) {
        if (phase != Phase.CLOSING) {
            enter(Phase.IDLE, now);
        }
    }

    /** What the limits say of the socket now; any verdict but NONE and DROP puts it in CLOSING. */
    synchronized Verdict judge(long now, ServerLimits limits) {
        long elapsed = now - since;
        Verdict verdict = switch (phase) {
            case IDLE -> elapsed > limits.keepAliveTimeout().toNanos() ? Verdict.IDLE : Verdict.NONE;
            case HEAD -> elapsed > limits.requestHeadersTimeout().toNanos() ? Verdict.HEAD_LATE : Verdict.NONE;
            case BODY -> !tooSlow(now, limits) ? Verdict.NONE : answering ? Verdict.DRAIN_SLOW : Verdict.BODY_SLOW;
            case DRAIN -> elapsed > DRAIN_NANOS || tooSlow(now, limits) ? Verdict.DRAIN_SLOW : Verdict.NONE;
            case CLOSING -> elapsed > CLOSING_NANOS ? Verdict.DROP : Verdict.NONE;
            case BUSY -> Verdict.NONE;
        };
        if (verdict != Verdict.NONE && verdict != Verdict.DROP) {
            enter(Phase.CLOSING, now);
        }
        return verdict;
    }

    /** Kestrel's rule: after the grace period, fewer bytes than the rate allows for the time since the body began. */
    private boolean tooSlow(long now, ServerLimits limits) {
        long elapsed = now - bodyStart;
        int rate = limits.minRequestBodyDataRate();
        return rate > 0 && elapsed > limits.minRequestBodyDataRateGracePeriod().toNanos()
                && bodyBytes < rate * (double) elapsed / TimeUnit.SECONDS.toNanos(1);
    }

    private void enter(Phase next, long now) {
        phase = next;
        since = now;
    }
}
