package dev.switchboard.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/** Pulling an iterator only on demand, off the caller's thread, and closing its source on every end. */
class IteratorPublisherTest {

    /** Counts the items taken from it and its closes; fails at {@code failAt} when given. */
    private static final class Source implements Iterator<Integer>, AutoCloseable {
        final int count;
        final int failAt;
        int pulled;
        int closes;

        Source(int count, int failAt) {
            this.count = count;
            this.failAt = failAt;
        }

        @Override
        public boolean hasNext() {
            return pulled < count;
        }

        @Override
        public Integer next() {
            if (pulled == failAt) {
                throw new IllegalStateException("broken at " + failAt);
            }
            return pulled++;
        }

        @Override
        public void close() {
            closes++;
        }
    }

    /** Records signals; requests only when the test says. */
    private static final class Recorder implements Flow.Subscriber<Object> {
        final List<Object> items = new ArrayList<>();
        final List<String> ends = new ArrayList<>();
        Throwable error;
        Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription given) {
            subscription = given;
        }

        @Override
        public void onNext(Object item) {
            items.add(item);
        }

        @Override
        public void onError(Throwable failure) {
            error = failure;
            ends.add("error");
        }

        @Override
        public void onComplete() {
            ends.add("complete");
        }
    }

    /** An executor the test runs by hand, to see what is scheduled. */
    private static final class Tasks implements Executor {
        final ArrayDeque<Runnable> queued = new ArrayDeque<>();

        @Override
        public void execute(Runnable task) {
            queued.add(task);
        }

        void runAll() {
            while (!queued.isEmpty()) {
                queued.remove().run();
            }
        }
    }

    private final Tasks tasks = new Tasks();
    private final Recorder subscriber = new Recorder();

    private Source subscribe(int count, int failAt) {
        Source source = new Source(count, failAt);
        new IteratorPublisher(source, source, tasks).subscribe(subscriber);
        return source;
    }

    @Test
    void itemsArePulledOnlyAsRequestedAndNeverOnTheRequestingThread() {
        Source source = subscribe(10, -1);
        subscriber.subscription.request(2);
        assertEquals(0, source.pulled, "requesting only schedules the pulling");
        tasks.runAll();
        assertEquals(List.of(0, 1), subscriber.items);
        assertEquals(2, source.pulled);
        subscriber.subscription.request(1);
        tasks.runAll();
        assertEquals(List.of(0, 1, 2), subscriber.items);
    }

    @Test
    void theEndCompletesAndClosesTheSourceOnce() {
        Source source = subscribe(2, -1);
        subscriber.subscription.request(5);
        tasks.runAll();
        assertEquals(List.of(0, 1), subscriber.items);
        assertEquals(List.of("complete"), subscriber.ends);
        subscriber.subscription.cancel();
        subscriber.subscription.request(1);
        tasks.runAll();
        assertEquals(1, source.closes);
        assertEquals(List.of("complete"), subscriber.ends);
    }

    @Test
    void aFailingIteratorEndsTheStreamWithItsErrorAndIsClosed() {
        Source source = subscribe(10, 1);
        subscriber.subscription.request(5);
        tasks.runAll();
        assertEquals(List.of(0), subscriber.items);
        assertEquals("broken at 1", subscriber.error.getMessage());
        assertEquals(1, source.closes);
    }

    @Test
    void cancellingStopsThePullingAndClosesTheSourceWithoutASignal() {
        Source source = subscribe(100, -1);
        subscriber.subscription.request(3);
        subscriber.subscription.cancel();
        subscriber.subscription.cancel();
        tasks.runAll();
        assertEquals(0, source.pulled);
        assertEquals(1, source.closes);
        assertEquals(List.of(), subscriber.ends);
    }

    @Test
    void aLongRunYieldsItsThreadAfterABatch() {
        Source source = subscribe(Integer.MAX_VALUE, -1);
        subscriber.subscription.request(Long.MAX_VALUE);
        tasks.queued.remove().run();
        assertEquals(64, source.pulled);
        assertEquals(1, tasks.queued.size(), "the rest is pulled in a task of its own");
        tasks.queued.remove().run();
        assertEquals(128, source.pulled);
        subscriber.subscription.cancel();
        tasks.runAll();
        assertEquals(1, source.closes);
    }

    @Test
    void requestsFromInsideOnNextDoNotRecurse() {
        Source source = new Source(100_000, -1);
        Flow.Subscriber<Object> oneByOne = new Flow.Subscriber<>() {
            Flow.Subscription subscription;

            @Override
            public void onSubscribe(Flow.Subscription given) {
                subscription = given;
                given.request(1);
            }

            @Override
            public void onNext(Object item) {
                subscription.request(1);
            }

            @Override
            public void onError(Throwable failure) {
                subscriber.onError(failure);
            }

            @Override
            public void onComplete() {
                subscriber.onComplete();
            }
        };
        new IteratorPublisher(source, source, Runnable::run).subscribe(oneByOne);
        assertEquals(100_000, source.pulled);
        assertEquals(List.of("complete"), subscriber.ends);
    }

    @Test
    void aSecondSubscriberIsRefused() {
        Source source = new Source(10, -1);
        IteratorPublisher publisher = new IteratorPublisher(source, source, tasks);
        publisher.subscribe(subscriber);
        Recorder second = new Recorder();
        publisher.subscribe(second);
        assertInstanceOf(IllegalStateException.class, second.error);
        assertEquals(List.of(), subscriber.ends);
    }

    @Test
    void aNonPositiveRequestIsAnErrorAndClosesTheSource() {
        Source source = subscribe(10, -1);
        subscriber.subscription.request(0);
        tasks.runAll();
        assertInstanceOf(IllegalArgumentException.class, subscriber.error);
        assertEquals(1, source.closes);
    }

    @Test
    void aShutDownExecutorStillClosesTheSource() {
        Source source = new Source(10, -1);
        Executor shutDown = task -> {
            throw new RejectedExecutionException("shut down");
        };
        new IteratorPublisher(source, source, shutDown).subscribe(subscriber);
        subscriber.subscription.request(1);
        assertEquals(0, source.pulled);
        assertEquals(1, source.closes);
    }
}
