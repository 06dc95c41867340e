package dev.switchboard.soak;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The churn soak's load, in a JVM of its own so that the server's JVM holds only the server when its heap and
 * threads are measured: {@code concurrency} slots, each running {@link SoakSession}s back to back until
 * {@code seconds} have passed and at least {@code minConnections} sessions have started (a busy machine takes
 * longer), over one JDK HttpClient and a few threads. Prints {@link SoakStats} at the end.
 *
 * <p>Arguments: port, seconds, concurrency, seed, minConnections.
 */
public final class ChurnLoad {

    private final HttpClient http;
    private final String base;
    private final long deadline;
    private final long minConnections;
    private final long seed;
    private final ExecutorService executor;
    private final SoakStats stats = new SoakStats();
    private final AtomicLong sessions = new AtomicLong();
    private final CountDownLatch slotsDone;

    private ChurnLoad(int port, int seconds, int concurrency, long seed, long minConnections) {
        this.executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "churn-load");
            thread.setDaemon(true);
            return thread;
        });
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(SoakSession.PATIENCE).build();
        this.base = "http://127.0.0.1:" + port + "/soak";
        this.deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        this.minConnections = minConnections;
        this.seed = seed;
        this.slotsDone = new CountDownLatch(concurrency);
    }

    public static void main(String[] args) throws InterruptedException {
        int seconds = Integer.parseInt(args[1]);
        int concurrency = Integer.parseInt(args[2]);
        ChurnLoad load = new ChurnLoad(Integer.parseInt(args[0]), seconds, concurrency, Long.parseLong(args[3]),
                Long.parseLong(args[4]));
        long start = System.nanoTime();
        for (int i = 0; i < concurrency; i++) {
            load.next();
        }
        load.slotsDone.await();
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        System.out.println(load.stats.line(millis));
        System.out.flush();
        // Exiting cuts whatever the load still holds, such as the polls of clients that stopped polling.
        System.exit(0);
    }

    /** Starts the slot's next session, or ends the slot once the time is up. */
    private void next() {
        if (System.nanoTime() - deadline > 0 && sessions.get() >= minConnections) {
            slotsDone.countDown();
            return;
        }
        Random random = new Random(seed * 1_000_003L + sessions.incrementAndGet());
        SoakSession.run(http, base, stats, random).whenComplete((v, failure) -> executor.execute(this::next));
    }
}
