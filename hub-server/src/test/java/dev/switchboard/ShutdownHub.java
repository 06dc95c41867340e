package dev.switchboard;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;

/** Calls that hold a hub thread until the test lets them go, or for ever, to be running when the server closes. */
public class ShutdownHub extends Hub {

    /** What the calls of one server did; one per test, since each test builds its own injector. */
    @Singleton
    public static class Calls {
        final BlockingQueue<String> started = new LinkedBlockingQueue<>();
        final BlockingQueue<String> interrupted = new LinkedBlockingQueue<>();
        final CountDownLatch release = new CountDownLatch(1);
    }

    private final Calls calls;

    @Inject
    public ShutdownHub(Calls calls) {
        this.calls = calls;
    }

    /** Answers once the test releases it. */
    @HubMethod
    public String slow(String value) {
        calls.started.add(value);
        try {
            calls.release.await();
        } catch (InterruptedException e) {
            calls.interrupted.add(value);
            Thread.currentThread().interrupt();
        }
        return value + " done";
    }

    /** Never answers; only an interrupt ends it. */
    @HubMethod
    public void never() {
        calls.started.add("never");
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            calls.interrupted.add("never");
            Thread.currentThread().interrupt();
        }
    }

    @HubMethod
    public int add(int a, int b) {
        return a + b;
    }
}
