package dev.switchboard.internal.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.HubException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The publisher a hub method receives for an upload: demand, order, overflow, cancel, one subscriber. */
class UploadStreamTest {

    /** Runs what the stream schedules only when the test says, so that each step is seen. */
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private final List<UploadStream> inputEnded = new ArrayList<>();

    private UploadStream stream(int capacity) {
        return new UploadStream("s", item -> {
            if (!(item instanceof Integer)) {
                throw new IllegalArgumentException("Stream item is not a valid Integer.");
            }
            return item;
        }, capacity, tasks::add, inputEnded::add);
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            task.run();
        }
    }

    /** Records every signal, and requests what the test asks. */
    private static final class Recorder implements Flow.Subscriber<Object> {
        final List<String> signals = Collections.synchronizedList(new ArrayList<>());
        Flow.Subscription subscription;

        @Override
        public void onSubscribe(Flow.Subscription given) {
            subscription = given;
            signals.add("subscribed");
        }

        @Override
        public void onNext(Object item) {
            signals.add("next " + item);
        }

        @Override
        public void onError(Throwable failure) {
            signals.add("error " + failure.getClass().getSimpleName() + ": " + failure.getMessage());
        }

        @Override
        public void onComplete() {
            signals.add("complete");
        }
    }

    @Test
    void itemsFollowDemandAndWaitForIt() {
        UploadStream stream = stream(10);
        stream.offer(1);
        stream.offer(2);
        Recorder recorder = new Recorder();
        stream.subscribe(recorder);
        assertEquals(List.of(), recorder.signals, "nothing is delivered on the subscribing thread");
        runTasks();
        assertEquals(List.of("subscribed"), recorder.signals);
        recorder.subscription.request(1);
        runTasks();
        stream.offer(3);
        stream.complete();
        runTasks();
        assertEquals(List.of("subscribed", "next 1"), recorder.signals, "the completion waits behind the items");
        recorder.subscription.request(5);
        runTasks();
        assertEquals(List.of("subscribed", "next 1", "next 2", "next 3", "complete"), recorder.signals);
        assertEquals(List.of(stream), inputEnded, "the id is freed once the client completes");
    }

    @Test
    void anErrorFromTheClientComesAfterTheItemsBeforeIt() {
        UploadStream stream = stream(10);
        Recorder recorder = new Recorder();
        stream.subscribe(recorder);
        runTasks();
        recorder.subscription.request(Long.MAX_VALUE);
        stream.offer(1);
        stream.completeWithError("unplugged");
        stream.offer(2);
        runTasks();
        assertEquals(List.of("subscribed", "next 1", "error HubException: unplugged"), recorder.signals);
    }

    @Test
    void aBadItemEndsTheStreamWithABindingError() {
        UploadStream stream = stream(10);
        Recorder recorder = new Recorder();
        stream.subscribe(recorder);
        runTasks();
        recorder.subscription.request(10);
        stream.offer(1);
        stream.offer("two");
        stream.offer(3);
        stream.complete();
        stream.offer(null);
        runTasks();
        assertEquals(List.of("subscribed", "next 1", "error HubException: Failed to bind Stream message. Stream "
                + "item is not a valid Integer."), recorder.signals);
        assertEquals(List.of(stream), inputEnded);
    }

    @Test
    void overflowEndsTheStreamAtOnceAndLaterItemsAreIgnored() {
        UploadStream stream = stream(3);
        Recorder recorder = new Recorder();
        stream.subscribe(recorder);
        IntStream.rangeClosed(1, 5).forEach(stream::offer);
        stream.complete();
        runTasks();
        assertEquals(List.of("subscribed", "error HubException: Stream 's' overflowed: more than 3 items from the "
                + "client were waiting for the hub to read them."), recorder.signals);
        assertEquals(List.of(stream), inputEnded);
        recorder.subscription.request(10);
        runTasks();
        assertEquals(2, recorder.signals.size(), "nothing follows the error");
    }

    @Test
    void aCancelledStreamDeliversNothingMore() {
        UploadStream stream = stream(2);
        Recorder recorder = new Recorder();
        stream.subscribe(recorder);
        runTasks();
        recorder.subscription.request(1);
        stream.offer(1);
        stream.offer(2);
        runTasks();
        recorder.subscription.cancel();
        IntStream.rangeClosed(3, 10).forEach(stream::offer);
        stream.complete();
        recorder.subscription.request(10);
        runTasks();
        assertEquals(List.of("subscribed", "next 1"), recorder.signals, "no overflow either: items are dropped");
    }

    @Test
    void aClosedConnectionEndsTheStreamAtOnce() {
        UploadStream stream = stream(10);
        Recorder recorder = new Recorder();
        stream.subscribe(recorder);
        stream.offer(1);
        stream.abort(new HubException("closed"));
        runTasks();
        assertEquals(List.of("subscribed", "error HubException: closed"), recorder.signals);
    }

    @Test
    void onlyOneSubscriberIsAllowed() {
        UploadStream stream = stream(10);
        Recorder first = new Recorder();
        Recorder second = new Recorder();
        stream.subscribe(first);
        stream.subscribe(second);
        assertEquals(List.of("subscribed", "error IllegalStateException: Stream 's' from the client can be "
                + "subscribed to only once"), second.signals);
        runTasks();
        first.subscription.request(1);
        stream.offer(1);
        runTasks();
        assertEquals(List.of("subscribed", "next 1"), first.signals);
    }

    @Test
    void aRequestThatIsNotPositiveIsAnError() {
        UploadStream stream = stream(10);
        Recorder recorder = new Recorder();
        stream.subscribe(recorder);
        stream.offer(1);
        runTasks();
        recorder.subscription.request(0);
        runTasks();
        assertEquals(List.of("subscribed", "error IllegalArgumentException: Requested 0 items; the request must be "
                + "positive"), recorder.signals);
    }

    /** Items offered on one thread reach a subscriber requesting from inside onNext, in order, one at a time. */
    @Test
    void signalsAreSerialOnTheExecutorUnderConcurrentOffersAndRequests() throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(4);
        try {
            int count = 20_000;
            UploadStream stream = new UploadStream("s", item -> item, count, executor, ended -> { });
            List<Object> received = new ArrayList<>();
            AtomicBoolean inside = new AtomicBoolean();
            AtomicInteger overlaps = new AtomicInteger();
            List<String> threads = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch done = new CountDownLatch(1);
            stream.subscribe(new Flow.Subscriber<>() {
                private Flow.Subscription subscription;

                @Override
                public void onSubscribe(Flow.Subscription given) {
                    subscription = given;
                    given.request(3);
                }

                @Override
                public void onNext(Object item) {
                    if (!inside.compareAndSet(false, true)) {
                        overlaps.incrementAndGet();
                    }
                    received.add(item);
                    threads.add(Thread.currentThread().getName());
                    if (received.size() % 3 == 0) {
                        executor.execute(() -> subscription.request(3));
                    }
                    inside.set(false);
                }

                @Override
                public void onError(Throwable failure) {
                    done.countDown();
                }

                @Override
                public void onComplete() {
                    done.countDown();
                }
            });
            for (int i = 0; i < count; i++) {
                stream.offer(i);
            }
            stream.complete();
            assertTrue(done.await(30, TimeUnit.SECONDS), "the stream completed");
            assertEquals(0, overlaps.get(), "no signal overlapped another");
            assertEquals(IntStream.range(0, count).boxed().collect(Collectors.toList()), received);
            assertFalse(threads.contains(Thread.currentThread().getName()), "nothing on the offering thread");
        } finally {
            executor.shutdownNow();
        }
    }
}
