package dev.switchboard.internal.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InvocationQueueTest {

    private static final long TIMEOUT_SECONDS = 10;

    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final InvocationQueue queue = new InvocationQueue(executor);
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
}
