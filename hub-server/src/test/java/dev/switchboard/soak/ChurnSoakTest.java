package dev.switchboard.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.switchboard.HubOptions;
import dev.switchboard.HubServer;
import dev.switchboard.SwitchboardModule;
import dev.switchboard.internal.lifetime.DefaultHubContext;
import dev.switchboard.spi.DefaultHubLifetimeManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The churn soak: thousands of clients connect over every transport, call, join groups, send to groups, users,
 * others and all, and leave every way a client leaves, for {@code switchboard.soak.seconds} (30 by default; 600
 * for the long run), {@code switchboard.soak.clients} at once (100 by default). Afterwards the server holds no
 * connection, group or user, every connect had its disconnect and every stream its close, and its heap after GC
 * and its threads are back at their baseline. The load runs in a JVM of its own ({@link ChurnLoad}), so this
 * JVM's figures are the server's.
 */
@Tag("slow")
class ChurnSoakTest {

    private static final int SECONDS = Integer.getInteger("switchboard.soak.seconds", 30);
    private static final int CLIENTS = Integer.getInteger("switchboard.soak.clients", 100);
    private static final long SEED = Long.getLong("switchboard.soak.seed", 7);
    /**
     * How far the heap after GC may end above its baseline. What stays after a run without a leak is bounded:
     * Grizzly's per-thread caches keep up to 16 recycled requests each (with the closed connection their
     * response last served), which came to 0.1 to 0.7 MB in trial runs, 30 s or 3 minutes long alike.
     */
    private static final long HEAP_MARGIN = 1024 * 1024;
    /**
     * The margin must be smaller than what a leak of this much per connection would add over the run: the
     * load makes at least {@code HEAP_MARGIN / LEAK_PER_CONNECTION} connections (it runs longer on a machine too
     * busy to make them in its time), so a leak of 512 bytes per connection or more fails the heap check.
     */
    private static final long LEAK_PER_CONNECTION = 512;
    private static final long MIN_CONNECTIONS = HEAP_MARGIN / LEAK_PER_CONNECTION + 1;
    /** Pools that grow with load shrink back only after their idle timeouts; a few threads may still be there. */
    private static final int THREAD_MARGIN = 4;
    /** Far more than it takes to end clients that vanished: poll timeout plus disconnect timeout. */
    private static final Duration SETTLE = Duration.ofSeconds(60);
    /** How long the load may run past its time, making its minimum of connections on a busy machine. */
    private static final Duration HANG = Duration.ofMinutes(10);
    private static final Path REPORT = Path.of("target", "soak-report.txt");

    private final SoakHub.Tally tally = new SoakHub.Tally();
    private HubServer server;
    private DefaultHubLifetimeManager lifetime;

    @BeforeEach
    void start() throws IOException {
        Injector injector = Guice.createInjector(new SwitchboardModule(SoakHub.class),
                binder -> binder.bind(SoakHub.Tally.class).toInstance(tally));
        // Short timeouts, so that clients that vanish are found gone within seconds of the run's end: a long
        // polling client that stops polling once its poll is answered, and an event stream whose socket was cut,
        // which the server may learn of only when it next writes, a Ping at the latest.
        HubOptions options = HubOptions.defaults().withDisconnectTimeout(Duration.ofSeconds(10))
                .withLongPollingPollTimeout(Duration.ofSeconds(2)).withKeepAliveInterval(Duration.ofSeconds(2));
        server = HubServer.builder().host("127.0.0.1").port(0).hub("/soak", SoakHub.class, options)
                .injector(injector).userIdProvider(request -> request.queryParameter("user")).build().start();
        DefaultHubContext<?> context = (DefaultHubContext<?>) injector.getInstance(
                SwitchboardModule.contextKey(SoakHub.class));
        lifetime = (DefaultHubLifetimeManager) context.lifetimeManager();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void churnLeavesNothingBehind() throws Exception {
        Phases phases = new Phases();
        // Warm-up: every pool started, every class loaded and every path taken once before the baseline.
        runLoad(3, CLIENTS, SEED + 1, 0);
        phases.done("warm-up");
        awaitSettled();
        phases.done("settling");
        HeapAndThreads baseline = HeapAndThreads.now();
        phases.done("baseline");

        Map<String, String> load = runLoad(SECONDS, CLIENTS, SEED, MIN_CONNECTIONS);
        phases.done("load");
        awaitSettled();
        phases.done("settling");
        HeapAndThreads after = awaitBaseline(baseline);
        phases.done("after");

        long connections = count(load, "webSockets") + count(load, "eventStreams") + count(load, "longPolling");
        String report = SoakReport.of(SECONDS, CLIENTS, SEED, baseline, after, lifetime.sizes(), server, load,
                connections, tally, HEAP_MARGIN, THREAD_MARGIN) + "phases: " + phases + "\n";
        System.out.println(report);
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, report, StandardCharsets.UTF_8);

        assertEquals(0, count(load, "failedInvocations"), report);
        assertEquals(0, count(load, "failedConnections"), report);
        assertTrue(connections * LEAK_PER_CONNECTION > HEAP_MARGIN, "Too few connections for the heap margin to "
                + "catch a leak of " + LEAK_PER_CONNECTION + " bytes per connection:\n" + report);
        assertEquals(0, server.connectionCount(), report);
        assertEquals(new DefaultHubLifetimeManager.Sizes(0, 0, 0), lifetime.sizes(), report);
        assertEquals(tally.connected.sum(), tally.disconnected.sum(), report);
        assertEquals(tally.streamsOpened.sum(), tally.streamsClosed.sum(), report);
        assertTrue(after.threads() <= baseline.threads() + THREAD_MARGIN, report);
        assertTrue(after.heapBytes() <= baseline.heapBytes() + HEAP_MARGIN, report);
    }

    /** Runs {@link ChurnLoad} in a JVM of its own and returns its counts. */
    private Map<String, String> runLoad(int seconds, int clients, long seed, long minConnections) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path output = Files.createTempFile("churn-load", ".log");
        try {
            Process load = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-cp", System.getProperty("java.class.path"), ChurnLoad.class.getName(),
                    Integer.toString(server.port()), Integer.toString(seconds), Integer.toString(clients),
                    Long.toString(seed), Long.toString(minConnections))
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            long limit = seconds + HANG.toSeconds();
            if (!load.waitFor(limit, TimeUnit.SECONDS)) {
                load.destroyForcibly();
                fail("The load did not finish within " + limit + " s:\n" + Files.readString(output));
            }
            String printed = Files.readString(output);
            return printed.lines().filter(line -> line.startsWith(SoakStats.PREFIX)).findFirst()
                    .map(ChurnSoakTest::parse)
                    .orElseThrow(() -> new AssertionError("The load printed no result:\n" + printed));
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** Every connection ended and forgotten, every hub callback and stream finished. */
    private void awaitSettled() {
        DefaultHubLifetimeManager.Sizes empty = new DefaultHubLifetimeManager.Sizes(0, 0, 0);
        until(() -> server.connectionCount() == 0 && lifetime.sizes().equals(empty)
                        && tally.connected.sum() == tally.disconnected.sum()
                        && tally.streamsOpened.sum() == tally.streamsClosed.sum(),
                () -> "the server is idle: " + server.connectionCount() + " connections, " + lifetime.sizes());
    }

    /**
     * The figures once they are back within their margins, or, failing that by the deadline, the last ones: what
     * ended connections leave for a while (a late poll's 204 for the disconnect timeout) must be gone first.
     */
    private HeapAndThreads awaitBaseline(HeapAndThreads baseline) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        HeapAndThreads now = HeapAndThreads.now();
        while (System.nanoTime() < deadline && (now.heapBytes() > baseline.heapBytes() + HEAP_MARGIN
                || now.threads() > baseline.threads() + THREAD_MARGIN)) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
            now = HeapAndThreads.now();
        }
        return now;
    }

    private static void until(BooleanSupplier condition, Supplier<String> what) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("Timed out waiting until " + what.get());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    private static Map<String, String> parse(String line) {
        Map<String, String> values = new HashMap<>();
        for (String pair : line.substring(SoakStats.PREFIX.length()).split(" ")) {
            int equals = pair.indexOf('=');
            values.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return values;
    }

    /** How long each step of the test took, for the report. */
    private static final class Phases {
        private final StringBuilder text = new StringBuilder();
        private long since = System.nanoTime();

        void done(String phase) {
            long now = System.nanoTime();
            text.append(text.length() == 0 ? "" : ", ").append(phase).append(' ')
                    .append(String.format(Locale.ROOT, "%.1f s", (now - since) / 1e9));
            since = now;
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    static long count(Map<String, String> load, String key) {
        return Long.parseLong(load.get(key));
    }
}
