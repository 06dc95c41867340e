package dev.switchboard.client;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.switchboard.Hub;
import dev.switchboard.HubException;
import dev.switchboard.HubMethod;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * The hub of {@code parallel.test.mjs}, hosted with {@code maximumParallelInvocationsPerClient} 4: methods that
 * block their hub thread, as hubs calling JDBC or HTTP do, and a stream that records its start and its
 * cancellation. Every wait ends with an error after 20 s.
 */
public class ParallelTestHub extends Hub {

    private static final long WAIT_SECONDS = 20;

    /** The latches the calls wait on, by the key the test chose; one per server. */
    @Singleton
    public static class Latches {
        private final Map<String, CountDownLatch> latches = new ConcurrentHashMap<>();

        CountDownLatch get(String key, int count) {
            return latches.computeIfAbsent(key, name -> new CountDownLatch(count));
        }
    }

    private final Latches latches;

    @Inject
    public ParallelTestHub(Latches latches) {
        this.latches = latches;
    }

    /** Blocks until {@code parties} calls with this key are inside at once; returns {@code parties}. */
    @HubMethod
    public int meet(String key, int parties) throws InterruptedException {
        CountDownLatch meeting = latches.get("meet:" + key, parties);
        meeting.countDown();
        if (!meeting.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new HubException("Only " + (parties - meeting.getCount()) + " of " + parties + " met");
        }
        return parties;
    }

    /** Blocks until {@code release(key)} is called, then returns {@code key}. */
    @HubMethod
    public String hold(String key) throws InterruptedException {
        if (!latches.get("hold:" + key, 1).await(WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new HubException(key + " was never released");
        }
        return key;
    }

    /** Lets {@code hold(key)} return. */
    @HubMethod
    public void release(String key) {
        latches.get("hold:" + key, 1).countDown();
    }

    /**
     * Blocks its place until the client's upload sends an item or ends. An upload item is read at once, not in
     * turn, so it reaches the server after everything the client sent before it.
     */
    @HubMethod
    public void holdUntilItem(Flow.Publisher<String> items) throws InterruptedException {
        CountDownLatch arrived = new CountDownLatch(1);
        items.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(String item) {
                arrived.countDown();
            }

            @Override
            public void onError(Throwable failure) {
                arrived.countDown();
            }

            @Override
            public void onComplete() {
                arrived.countDown();
            }
        });
        if (!arrived.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new HubException("No item came");
        }
    }

    /** A stream that sends nothing: records that its method ran, and that the stream was then cancelled. */
    @HubMethod
    public Flow.Publisher<Integer> watched(String key) {
        latches.get("started:" + key, 1).countDown();
        return subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
            }

            @Override
            public void cancel() {
                latches.get("cancelled:" + key, 1).countDown();
            }
        });
    }

    /** Waits until {@code watched(key)} has run and its stream been cancelled; true when both happened. */
    @HubMethod
    public boolean ranAndCancelled(String key) throws InterruptedException {
        return latches.get("started:" + key, 1).await(WAIT_SECONDS, TimeUnit.SECONDS)
                && latches.get("cancelled:" + key, 1).await(WAIT_SECONDS, TimeUnit.SECONDS);
    }
}
