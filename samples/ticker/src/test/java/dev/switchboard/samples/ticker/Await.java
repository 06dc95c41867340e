package dev.switchboard.samples.ticker;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waiting in tests on a condition, with a generous deadline, never a fixed sleep. */
final class Await {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Await() {
    }

    /** Waits until {@code condition} holds, checking it every few milliseconds. */
    static void until(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("Timed out waiting until " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
