package dev.switchboard.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/** Waiting in tests: on queues and conditions, with generous deadlines, never a fixed sleep. */
public final class Await {

    /** How long each wait lasts at most: generous, for a busy two-core machine. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Await() {
    }

    /** The next element, or a failure naming what was awaited. */
    public static <T> T next(BlockingQueue<T> queue, String what) throws InterruptedException {
        T value = queue.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (value == null) {
            fail("Timed out waiting for " + what);
        }
        return value;
    }

    /**
     * Waits until {@code value} has not changed for {@code quiet}, and returns it: for a bound on what a
     * paused producer made. A value that keeps changing fails once the timeout has passed.
     */
    public static int steady(IntSupplier value, Duration quiet, String what) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        int last = value.getAsInt();
        long since = System.nanoTime();
        while (System.nanoTime() - since < quiet.toNanos()) {
            if (System.nanoTime() > deadline) {
                fail("Timed out waiting until " + what + "; still changing at " + last);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            int now = value.getAsInt();
            if (now != last) {
                last = now;
                since = System.nanoTime();
            }
        }
        return last;
    }

    /** Waits until {@code condition} holds, checking it every few milliseconds. */
    public static void until(BooleanSupplier condition, String what) {
        until(condition, TIMEOUT, what);
    }

    /** Waits at most {@code timeout} until {@code condition} holds, for what a server's own timers decide. */
    public static void until(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("Timed out waiting until " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
