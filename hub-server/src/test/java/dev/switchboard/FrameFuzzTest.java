package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.signalr.HubConnection;
import dev.switchboard.FrameMutator.Frame;
import dev.switchboard.FrameMutator.Mutant;
import dev.switchboard.FuzzConnection.Outcome;
import dev.switchboard.internal.transport.DaemonThreads;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Mutants of valid traffic, sent over every transport to one server from several threads at once: the
 * server never lets an exception escape, answers or closes every session, keeps serving a bystander
 * client, and once the fuzz connections are gone holds no connection, thread or heap more than before.
 *
 * <p>{@code -Dswitchboard.fuzz.seconds=N} (20) bounds the run, {@code -Dswitchboard.fuzz.seed=S} picks the
 * mutants; each worker draws from its own {@link Random} seeded from S, so a seed replays the same mutants,
 * and {@code -Dswitchboard.fuzz.replay=W:I} sends only worker W's mutant I. A frame is repeated at most
 * {@code -Dswitchboard.fuzz.maxFrameCopies} (400) times.
 */
class FrameFuzzTest {

    private static final long DEFAULT_SEED = 20261202L;
    private static final int WORKERS = 4;
    /** How long a session may take, once sent, to be answered or closed: generous, for a loaded 2-core machine. */
    private static final Duration SESSION_BOUND = Duration.ofSeconds(20);
    private static final Duration BYSTANDER_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final int THREAD_MARGIN = 8;
    private static final long HEAP_MARGIN = 32L << 20;

    enum Channel { WEB_SOCKETS, LONG_POLLING, SERVER_SENT_EVENTS }

    private final ServerFailures failures = new ServerFailures();
    private final Map<Channel, LongAdder> sent = adders();
    private final Map<Channel, LongAdder> answered = adders();
    private final List<String> hangs = new CopyOnWriteArrayList<>();
    private HubServer server;
    private HttpClient http;
    private ExecutorService httpThreads;

    @Test
    void mutatedTrafficNeitherCrashesNorLeaksNorStopsTheServer() throws Exception {
        long seed = Long.getLong("switchboard.fuzz.seed", DEFAULT_SEED);
        Duration duration = Duration.ofSeconds(Long.getLong("switchboard.fuzz.seconds", 20));
        String replay = System.getProperty("switchboard.fuzz.replay");
        try (failures; JavaClients clients = start()) {
            HubConnection bystander = clients.connect("/fuzz");
            warmUp();
            settle(() -> server.connectionCount() == 1, "only the bystander is connected after the warm-up");
            int threadsBefore = liveThreads();
            long heapBefore = heapAfterGc();

            List<String> bystanderFailures = new CopyOnWriteArrayList<>();
            AtomicInteger bystanderCalls = new AtomicInteger();
            ScheduledExecutorService pacer =
                    Executors.newSingleThreadScheduledExecutor(new DaemonThreads("bystander-"));
            pacer.scheduleWithFixedDelay(() -> callBystander(bystander, bystanderCalls, bystanderFailures),
                    0, 100, TimeUnit.MILLISECONDS);
            long started = System.nanoTime();
            if (replay != null) {
                String[] at = replay.split(":");
                replay(seed, Integer.parseInt(at[0]), Integer.parseInt(at[1]));
            } else {
                fuzz(seed, duration);
            }
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            pacer.shutdown();
            assertTrue(pacer.awaitTermination(BYSTANDER_TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS));
            System.out.printf("Frame fuzz: seed %d, %d s, %s; bystander calls %d%n", seed, seconds, counts(),
                    bystanderCalls.get());
            assertEquals(List.of(), hangs, "sessions neither answered nor closed within " + SESSION_BOUND);
            assertEquals(List.of(), bystanderFailures, "the bystander's calls during the run");
            assertTrue(bystanderCalls.get() > 0, "the bystander called during the run");
            bystander.stop().blockingAwait(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            settle(() -> server.connectionCount() == 0, "every connection has ended; "
                    + server.connectionCount() + " left");
            settle(() -> liveThreads() <= threadsBefore + THREAD_MARGIN, "threads are back to their baseline of "
                    + threadsBefore + " (" + THREAD_MARGIN + " more allowed)");
            settle(() -> heapAfterGc() <= heapBefore + HEAP_MARGIN, "heap after GC is back near its baseline");
            System.out.printf("Frame fuzz: threads %d before, %d after; heap after GC %.1f MB before, %.1f MB after%n",
                    threadsBefore, liveThreads(), heapBefore / 1e6, heapAfterGc() / 1e6);
            HubConnection fresh = clients.connect("/fuzz");
            assertEquals(42, fresh.invoke(Integer.class, "add", 40, 2).blockingGet());
            assertEquals(List.of(), failures.failures, "unexpected failures on server threads");
        } finally {
            if (server != null) {
                server.close();
            }
            if (httpThreads != null) {
                httpThreads.shutdownNow();
            }
        }
    }

    private JavaClients start() throws Exception {
        // A closed event stream is noticed at the server's next write, as Grizzly reads no suspended request's
        // socket: Pings every second end those the fuzzer closes soon.
        server = HubServer.builder().port(0).hub("/fuzz", FuzzHub.class)
                .options(HubOptions.defaults().withClientResultTimeout(Duration.ofSeconds(1))
                        .withKeepAliveInterval(Duration.ofSeconds(1))).build().start();
        httpThreads = Executors.newFixedThreadPool(2, new DaemonThreads("fuzz-http-"));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(httpThreads)
                .connectTimeout(Await.TIMEOUT).build();
        return new JavaClients(server.port());
    }

    /** Every seed whole over every transport: answered (closed, for the one ending in Close), and warm. */
    private void warmUp() throws Exception {
        for (Channel channel : Channel.values()) {
            for (int i = 0; i < FrameMutator.SEEDS.size(); i++) {
                List<Frame> frames = new ArrayList<>();
                for (String frame : FrameMutator.SEEDS.get(i)) {
                    frames.add(new Frame(frame.getBytes(StandardCharsets.UTF_8), false));
                }
                Mutant whole = new Mutant(i, List.of(), frames);
                boolean endsInClose = frames.get(frames.size() - 1).text().startsWith("{\"type\":7");
                assertEquals(endsInClose ? Outcome.CLOSED : Outcome.ANSWERED, run(channel, whole),
                        channel + ": " + whole.describe());
            }
        }
    }

    private void fuzz(long seed, Duration duration) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        ExecutorService workers = Executors.newFixedThreadPool(WORKERS, new DaemonThreads("fuzz-worker-"));
        for (int w = 0; w < WORKERS; w++) {
            int worker = w;
            workers.execute(() -> {
                Random random = workerRandom(seed, worker);
                FrameMutator mutator = new FrameMutator(random);
                for (int index = 0; System.nanoTime() < end && hangs.size() < 10; index++) {
                    Channel channel = channel(random);
                    runCase(seed, worker, index, channel, mutator.next());
                }
            });
        }
        workers.shutdown();
        assertTrue(workers.awaitTermination(duration.plus(SESSION_BOUND.multipliedBy(4)).toSeconds(),
                TimeUnit.SECONDS), "the workers finished");
    }

    /** Sends worker {@code worker}'s mutant number {@code index} alone, as the full run made it. */
    private void replay(long seed, int worker, int index) {
        Random random = workerRandom(seed, worker);
        FrameMutator mutator = new FrameMutator(random);
        for (int i = 0; i < index; i++) {
            channel(random);
            mutator.next();
        }
        Channel channel = channel(random);
        Mutant mutant = mutator.next();
        System.out.println("Replaying over " + channel + ": " + mutant.describe());
        runCase(seed, worker, index, channel, mutant);
    }

    private static Random workerRandom(long seed, int worker) {
        return new Random(seed * 31 + worker);
    }

    /** WebSockets for half the cases: they cost the least, so the server's parser sees the most mutants. */
    private static Channel channel(Random random) {
        int draw = random.nextInt(4);
        return draw < 2 ? Channel.WEB_SOCKETS : draw == 2 ? Channel.LONG_POLLING : Channel.SERVER_SENT_EVENTS;
    }

    private void runCase(long seed, int worker, int index, Channel channel, Mutant mutant) {
        sent.get(channel).increment();
        Outcome outcome;
        try {
            outcome = run(channel, mutant);
        } catch (Exception e) {
            outcome = e instanceof HttpTimeoutException ? Outcome.HUNG : null;
            if (outcome == null) {
                hangs.add("failed: " + e + describe(seed, worker, index, channel, mutant));
                return;
            }
        }
        if (outcome == Outcome.ANSWERED) {
            answered.get(channel).increment();
        } else if (outcome == Outcome.HUNG) {
            hangs.add("hung" + describe(seed, worker, index, channel, mutant));
        }
    }

    private static String describe(long seed, int worker, int index, Channel channel, Mutant mutant) {
        return " (replay: -Dswitchboard.fuzz.seed=" + seed + " -Dswitchboard.fuzz.replay=" + worker + ":" + index
                + ") over " + channel + ", " + mutant.describe();
    }

    private Outcome run(Channel channel, Mutant mutant) throws Exception {
        try (FuzzConnection connection = switch (channel) {
            case WEB_SOCKETS -> WebSocketFuzzConnection.open(server.port(), "/fuzz");
            case LONG_POLLING -> HttpFuzzConnection.open(http, server.port(), "/fuzz", false);
            case SERVER_SENT_EVENTS -> HttpFuzzConnection.open(http, server.port(), "/fuzz", true);
        }) {
            if (connection == null) {
                throw new IllegalStateException("The WebSocket upgrade was refused");
            }
            boolean unfinished = false;
            for (Frame frame : mutant.frames()) {
                connection.send(frame);
                if (frame.bytes().length > 0) {
                    unfinished = frame.bytes()[frame.bytes().length - 1] != FrameMutator.RS;
                }
            }
            // Bounded from the last frame: hundreds of POSTs take long on a loaded machine, each bounded on its own.
            long deadline = System.nanoTime() + SESSION_BOUND.toNanos();
            return connection.await(unfinished ? FuzzConnection.SEPARATED_PROBE : FuzzConnection.PROBE, deadline);
        }
    }

    private static void callBystander(HubConnection bystander, AtomicInteger calls, List<String> failures) {
        int call = calls.incrementAndGet();
        try {
            Integer sum = bystander.invoke(Integer.class, "add", call, 1)
                    .timeout(BYSTANDER_TIMEOUT.toSeconds(), TimeUnit.SECONDS).blockingGet();
            if (sum != call + 1) {
                failures.add("call " + call + " answered " + sum);
            }
        } catch (RuntimeException e) {
            failures.add("call " + call + " failed: " + e);
        }
    }

    private String counts() {
        StringBuilder out = new StringBuilder();
        for (Channel channel : Channel.values()) {
            out.append(out.length() == 0 ? "" : ", ").append(channel).append(' ').append(sent.get(channel).sum())
                    .append(" mutants (").append(answered.get(channel).sum()).append(" answered, the rest closed)");
        }
        return out.toString();
    }

    private static Map<Channel, LongAdder> adders() {
        Map<Channel, LongAdder> adders = new EnumMap<>(Channel.class);
        for (Channel channel : Channel.values()) {
            adders.put(channel, new LongAdder());
        }
        return adders;
    }

    private static int liveThreads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    private static long heapAfterGc() {
        ManagementFactory.getMemoryMXBean().gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Polls {@code condition} for up to a minute: what the server lets go, it may let go lazily. */
    private static void settle(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("Timed out waiting until " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        }
    }
}
