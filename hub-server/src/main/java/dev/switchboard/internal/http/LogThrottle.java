package dev.switchboard.internal.http;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * At most one log line a minute for events an attacker decides the number of: each event is counted, and the
 * first one due reports how many there were since the last line.
 */
final class LogThrottle {

    private static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final AtomicLong unlogged = new AtomicLong();
    private final AtomicLong nextLine = new AtomicLong(System.nanoTime());

    /**
     * Counts one event.
     *
     * @return how many events to report now, this one included, or 0 when a line went out within the last minute
     */
    long count() {
        long count = unlogged.incrementAndGet();
        long now = System.nanoTime();
        long due = nextLine.get();
        if (now - due >= 0 && nextLine.compareAndSet(due, now + INTERVAL_NANOS)) {
            unlogged.addAndGet(-count);
            return count;
        }
        return 0;
    }
}
