package dev.switchboard.client;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import dev.switchboard.Hub;
import dev.switchboard.HubException;
import dev.switchboard.HubMethod;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The hub of {@code parallel.test.mjs}, hosted with {@code maximumParallelInvocationsPerClient} 4: methods that
 * block their hub thread, as hubs calling JDBC or HTTP do. Every wait ends with an error after 20 s.
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
}
