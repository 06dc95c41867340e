package dev.switchboard.internal.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InvocationQueueTest {

    private static final long TIMEOUT_SECONDS = 10;

    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final InvocationQueue queue = new InvocationQueue(executor, 1);
    private final List<Integer> order = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stopExecutor() throws InterruptedException {
        executor.shutdownNow();
        assertTrue(executor.awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS));
    }

    private static void await(CountDownLatch latch) throws InterruptedException {
        assertTrue(latch.await(TIMEOUT_SECONDS, TimeUnit.SECONDS), "timed out");
    }

    @Test
    void workRunsOneAtATimeInSubmissionOrder() throws Exception {
        int count = 500;
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        CountDownLatch finished = new CountDownLatch(1);
        for (int i = 0; i < count; i++) {
            int index = i;
            queue.submit(() -> {
                maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                order.add(index);
                running.decrementAndGet();
                if (index == count - 1) {
                    finished.countDown();
                }
                return CompletableFuture.completedFuture(null);
            });
        }
        await(finished);
        assertEquals(1, maxRunning.get());
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            expected.add(i);
        }
        assertEquals(expected, order);
    }

    @Test
    void unfinishedFutureHoldsTheNextWorkUntilCompleted() throws Exception {
        CompletableFuture<Void> gate = new CompletableFuture<>();
        CountDownLatch firstStarted = new CountDownLatch(1);
        AtomicBoolean secondRan = new AtomicBoolean();
        CountDownLatch thirdRan = new CountDownLatch(1);

        queue.submit(() -> {
            order.add(1);
            firstStarted.countDown();
            return gate;
        });
        await(firstStarted);
        queue.submit(() -> {
            secondRan.set(true);
            order.add(2);
            return CompletableFuture.completedFuture(null);
        });
        queue.submit(() -> {
            order.add(3);
            thirdRan.countDown();
            return CompletableFuture.completedFuture(null);
        });

        // Nothing can be scheduled before the gate completes, whatever the timing.
        assertFalse(secondRan.get());
        assertEquals(2, queue.size());

        gate.complete(null);
        await(thirdRan);
        assertEquals(List.of(1, 2, 3), order);
    }

    @Test
    void futureCompletedOnAnotherThreadReleasesTheQueue() throws Exception {
        CompletableFuture<Void> gate = new CompletableFuture<>();
        CountDownLatch secondRan = new CountDownLatch(1);
        queue.submit(() -> gate);
        queue.submit(() -> {
            secondRan.countDown();
            return CompletableFuture.completedFuture(null);
        });
        Thread completer = new Thread(() -> gate.complete(null));
        completer.start();
        await(secondRan);
        completer.join();
    }

    @Test
    void throwingWorkDoesNotStopTheQueue() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        queue.submit(() -> {
            order.add(1);
            throw new IllegalStateException("hub failed");
        });
        queue.submit(() -> {
            order.add(2);
            return CompletableFuture.failedFuture(new IllegalStateException("async failure"));
        });
        queue.submit(() -> {
            order.add(3);
            throw new AssertionError("an Error too");
        });
        queue.submit(() -> {
            order.add(4);
            done.countDown();
            return CompletableFuture.completedFuture(null);
        });
        await(done);
        assertEquals(List.of(1, 2, 3, 4), order);
    }

    @Test
    void queueRestartsAfterRunningDry() throws Exception {
        for (int round = 0; round < 50; round++) {
            CountDownLatch done = new CountDownLatch(1);
            int index = round;
            queue.submit(() -> {
                order.add(index);
                done.countDown();
                return CompletableFuture.completedFuture(null);
            });
            await(done);
        }
        assertEquals(50, order.size());
    }

    @Test
    void idleCompletesOnceTheRunningStageAndTheWorkBehindItAreDone() throws Exception {
        assertTrue(queue.idle().isDone(), "a queue with nothing to do is idle at once");
        CompletableFuture<Void> running = new CompletableFuture<>();
        CountDownLatch second = new CountDownLatch(1);
        queue.submit(() -> running);
        queue.submit(() -> {
            second.countDown();
            return null;
        });
        CompletableFuture<Void> idle = queue.idle();
        assertFalse(idle.isDone(), "a stage that has not completed holds the queue");
        running.complete(null);
        idle.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        await(second);
        assertTrue(queue.idle().isDone());
    }

    @Test
    void idleCompletesWhenTheExecutorRefusesTheWork() throws Exception {
        CompletableFuture<Void> running = new CompletableFuture<>();
        queue.submit(() -> running);
        queue.submit(() -> null);
        CompletableFuture<Void> idle = queue.idle();
        executor.shutdown();
        running.complete(null);
        idle.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Work that records its start, then holds its place until {@code gate} completes. */
    private Supplier<CompletionStage<?>> gated(int index, CountDownLatch started, CompletableFuture<Void> gate) {
        return () -> {
            order.add(index);
            started.countDown();
            return gate;
        };
    }

    @Test
    void upToTheLimitRunAtOnceAndTheRestStartInArrivalOrderAsPlacesFree() throws Exception {
        InvocationQueue parallel = new InvocationQueue(executor, 3);
        List<CompletableFuture<Void>> gates = new ArrayList<>();
        List<CountDownLatch> started = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            gates.add(new CompletableFuture<>());
            started.add(new CountDownLatch(1));
            parallel.submit(gated(i, started.get(i), gates.get(i)));
        }
        for (int i = 0; i < 3; i++) {
            await(started.get(i));
        }
        // Places are given out as the work is submitted, under the queue's lock: three wait, whatever the timing.
        assertEquals(3, parallel.size());

        gates.get(1).complete(null);
        await(started.get(3));
        assertEquals(2, parallel.size(), "the first in line took the freed place, not a later one");
        gates.get(0).complete(null);
        await(started.get(4));
        gates.get(3).complete(null);
        await(started.get(5));
        assertEquals(0, parallel.size());
        assertEquals(List.of(0, 1, 2), order.subList(0, 3).stream().sorted().toList());
        assertEquals(List.of(3, 4, 5), order.subList(3, 6));

        CompletableFuture<Void> idle = parallel.idle();
        assertFalse(idle.isDone(), "three still hold their places");
        gates.forEach(gate -> gate.complete(null));
        idle.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void neverMoreThanTheLimitRunAtOnce() throws Exception {
        InvocationQueue parallel = new InvocationQueue(executor, 2);
        int count = 500;
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        CountDownLatch finished = new CountDownLatch(count);
        for (int i = 0; i < count; i++) {
            parallel.submit(() -> {
                maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                CompletableFuture<Void> done = new CompletableFuture<>();
                // Completed on another thread, after this item has been counted as running.
                executor.execute(() -> {
                    running.decrementAndGet();
                    finished.countDown();
                    done.complete(null);
                });
                return done;
            });
        }
        await(finished);
        assertTrue(maxRunning.get() <= 2, "at most two at once, saw " + maxRunning.get());
    }

    @Test
    void exclusiveWorkWaitsForAllBeforeItAndHoldsAllAfterIt() throws Exception {
        InvocationQueue parallel = new InvocationQueue(executor, 4);
        CompletableFuture<Void> first = new CompletableFuture<>();
        CompletableFuture<Void> second = new CompletableFuture<>();
        CompletableFuture<Void> exclusive = new CompletableFuture<>();
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch secondStarted = new CountDownLatch(1);
        CountDownLatch exclusiveStarted = new CountDownLatch(1);
        CountDownLatch afterStarted = new CountDownLatch(1);
        parallel.submit(gated(1, firstStarted, first));
        parallel.submit(gated(2, secondStarted, second));
        parallel.submitExclusive(gated(3, exclusiveStarted, exclusive));
        parallel.submit(gated(4, afterStarted, CompletableFuture.completedFuture(null)));
        await(firstStarted);
        await(secondStarted);
        assertEquals(2, parallel.size(), "the exclusive work and the one behind it wait");

        first.complete(null);
        assertEquals(2, parallel.size(), "one running is enough to hold the exclusive work");
        second.complete(null);
        await(exclusiveStarted);
        assertEquals(1, parallel.size(), "nothing starts beside the exclusive work");
        exclusive.complete(null);
        await(afterStarted);
        assertEquals(List.of(3, 4), order.subList(2, 4));
    }

    @Test
    void workThatGivesUpItsPlaceLetsTheNextStartWhileItsStageIsUnfinished() throws Exception {
        CompletableFuture<Void> first = new CompletableFuture<>();
        CountDownLatch secondStarted = new CountDownLatch(1);
        CompletableFuture<Void> second = new CompletableFuture<>();
        CountDownLatch thirdStarted = new CountDownLatch(1);
        queue.submitReleasing(releasePlace -> {
            releasePlace.run();
            releasePlace.run();
            return first;
        });
        queue.submit(gated(2, secondStarted, second));
        queue.submit(gated(3, thirdStarted, CompletableFuture.completedFuture(null)));
        await(secondStarted);
        first.complete(null);
        assertEquals(1, queue.size(), "the place was freed once: the third waits for the second");
        CompletableFuture<Void> idle = queue.idle();
        second.complete(null);
        await(thirdStarted);
        idle.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void theLimitMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new InvocationQueue(executor, 0));
    }
}
