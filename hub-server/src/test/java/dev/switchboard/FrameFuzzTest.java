package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.signalr.HubConnection;
import dev.switchboard.FrameMutator.Frame;
import dev.switchboard.FrameMutator.Mutant;
import dev.switchboard.FuzzCases.Case;
import dev.switchboard.FuzzCases.Channel;
import dev.switchboard.FuzzConnection.Outcome;
import dev.switchboard.FuzzConnection.Result;
import dev.switchboard.WebSocketFrameMutator.WireMutant;
import dev.switchboard.internal.http.DaemonThreads;
import dev.switchboard.testing.Await;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Mutants of valid traffic, sent to one server from several threads at once: SignalR payloads over every
 * transport, WebSocket framing over raw sockets, raw HTTP requests, and requests that trickle or stop (see
 * {@link FuzzCases}). The server never lets an exception escape or logs an error, answers or closes every
 * session within {@link #SESSION_BOUND}, keeps two bystanders chatting, and once the fuzz connections are
 * gone holds no connection, thread or heap more than before.
 *
 * <p>{@code -Dswitchboard.fuzz.seconds=N} (20) bounds the run, {@code -Dswitchboard.fuzz.seed=S} picks the
 * mutants, {@code -Dswitchboard.fuzz.replay=W:I} sends only worker W's case I as the run with seed S made it,
 * and {@code -Dswitchboard.fuzz.timing=false} leaves out the requests that leave the server waiting (workers
 * {@value FuzzCases#WORKERS} and up). A payload frame is repeated at most
 * {@code -Dswitchboard.fuzz.maxFrameCopies} (400) times.
 */
@Tag("slow")
class FrameFuzzTest {

    private static final long DEFAULT_SEED = 20261202L;
    /** How long a session may take, once sent, to be answered or closed: generous, for a loaded 2-core machine. */
    private static final Duration SESSION_BOUND = Duration.ofSeconds(20);
    private static final Duration SETTLE = Duration.ofSeconds(60);
    private static final int THREAD_MARGIN = 8;
    private static final long HEAP_MARGIN = 32L << 20;
    private static final int MAX_FAILED_SESSIONS = 10;

    private final ServerFailures failures = new ServerFailures();
    private final FuzzTally tally = new FuzzTally();
    private final List<String> failedSessions = new CopyOnWriteArrayList<>();
    private HubServer server;
    private HttpClient http;
    private ExecutorService httpThreads;

    @Test
    void mutatedTrafficNeitherCrashesNorLeaksNorStopsTheServer() throws Exception {
        long seed = Long.getLong("switchboard.fuzz.seed", DEFAULT_SEED);
        Duration duration = Duration.ofSeconds(Long.getLong("switchboard.fuzz.seconds", 20));
        boolean timing = Boolean.parseBoolean(System.getProperty("switchboard.fuzz.timing", "true"));
        String replay = System.getProperty("switchboard.fuzz.replay");
        try (failures; JavaClients clients = start()) {
            warmUp();
            ChattingBystanders bystanders = ChattingBystanders.start(clients, "/fuzz");
            settle(() -> server.connectionCount() == 2, "only the bystanders are connected after the warm-up");
            int threadsBefore = liveThreads();
            long heapBefore = heapAfterGc();

            long started = System.nanoTime();
            if (replay != null) {
                String[] at = replay.split(":");
                replay(seed, Integer.parseInt(at[0]), Integer.parseInt(at[1]));
            } else {
                fuzz(seed, duration, timing);
            }
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            int rounds = bystanders.stopChatting();
            System.out.printf("Frame fuzz: seed %d, %d s, timing %s; bystander rounds %d (%d failed); %d sessions "
                    + "failed; %d server failures%s%n", seed, seconds, timing ? "on" : "off", rounds,
                    bystanders.failures.size(), failedSessions.size(), failures.failures.size(), tally.summary());
            assertEquals(List.of(), failedSessions, "sessions neither answered nor closed within " + SESSION_BOUND
                    + ", or valid ones refused");
            assertEquals(List.of(), bystanders.failures, "the bystanders' rounds during the run");
            assertTrue(rounds > 0, "the bystanders chatted during the run");
            bystanders.leave();
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
        // socket: Pings every second end those the fuzzer closes soon. A frame that declares more bytes than
        // it brings holds its connection until the client timeout, and a handshake until the handshake
        // timeout: both short, so that such sessions end within the bound. Short HTTP limits end the requests
        // that trickle or stop (the head within 2 s, a body at 240 B/s after 1 s, an idle connection in 3 s).
        server = HubServer.builder().port(0).hub("/fuzz", FuzzHub.class)
                .options(HubOptions.defaults().withClientResultTimeout(Duration.ofSeconds(1))
                        .withKeepAliveInterval(Duration.ofSeconds(1)).withClientTimeoutInterval(Duration.ofSeconds(8))
                        .withHandshakeTimeout(Duration.ofSeconds(5)))
                .limits(ServerLimits.defaults().withRequestHeadersTimeout(Duration.ofSeconds(2))
                        .withKeepAliveTimeout(Duration.ofSeconds(3))
                        .withMinRequestBodyDataRate(240, Duration.ofSeconds(1)))
                .build().start();
        httpThreads = Executors.newFixedThreadPool(2, new DaemonThreads("fuzz-http-"));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(httpThreads)
                .connectTimeout(Await.TIMEOUT).build();
        return new JavaClients(server.port());
    }

    /**
     * Every seed whole over every transport, and framed whole on a raw WebSocket: answered (closed, for the
     * one ending in Close); every valid HTTP request answered with its status. The server is warm after it.
     */
    private void warmUp() throws Exception {
        for (int i = 0; i < FrameMutator.SEEDS.size(); i++) {
            List<Frame> frames = new ArrayList<>();
            List<byte[]> writes = new ArrayList<>();
            for (String frame : FrameMutator.SEEDS.get(i)) {
                byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
                frames.add(new Frame(bytes, false));
                writes.add(WireFrame.of(WireFrame.TEXT, bytes, new byte[] {1, 2, 3, 4}).encode());
            }
            Outcome expected = expected(i);
            for (Channel channel : List.of(Channel.WEB_SOCKETS, Channel.LONG_POLLING, Channel.SERVER_SENT_EVENTS)) {
                Mutant whole = new Mutant(i, List.of(), frames);
                assertEquals(expected, runPayload(channel, whole).outcome(), channel + ": " + whole.describe());
            }
            WireMutant framed = new WireMutant(i, List.of(), writes, WebSocketFrameMutator.Ending.PROBE, true);
            assertEquals(expected, runFrames(framed).outcome(), framed.describe());
        }
        for (HttpFuzzRequest.Kind kind : HttpFuzzRequest.Kind.values()) {
            byte[] bytes = HttpFuzzRequest.template(kind).bytes();
            HttpMutant valid = new HttpMutant(kind, List.of(), bytes, HttpMutant.whole(bytes), false);
            String status = kind == HttpFuzzRequest.Kind.UPGRADE ? "status 101" : "status 200";
            assertEquals(status, HttpRequestFuzzConnection.run(http, server.port(), valid, SESSION_BOUND).ending(),
                    valid.describe());
        }
    }

    /** How the server ends seed session {@code seed} sent whole: closed for the one ending in Close. */
    private static Outcome expected(int seed) {
        List<String> frames = FrameMutator.SEEDS.get(seed);
        return frames.get(frames.size() - 1).startsWith("{\"type\":7") ? Outcome.CLOSED : Outcome.ANSWERED;
    }

    private void fuzz(long seed, Duration duration, boolean timing) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        int workerCount = FuzzCases.WORKERS + (timing ? FuzzCases.TIMING_WORKERS : 0);
        ExecutorService workers = Executors.newFixedThreadPool(workerCount, new DaemonThreads("fuzz-worker-"));
        for (int w = 0; w < workerCount; w++) {
            int worker = w;
            workers.execute(() -> {
                FuzzCases cases = new FuzzCases(seed, worker);
                for (int index = 0; System.nanoTime() < end && failedSessions.size() < MAX_FAILED_SESSIONS; index++) {
                    runCase(seed, worker, index, cases.next());
                }
            });
        }
        workers.shutdown();
        assertTrue(workers.awaitTermination(duration.plus(SESSION_BOUND.multipliedBy(4)).toSeconds(),
                TimeUnit.SECONDS), "the workers finished");
    }

    /** Sends worker {@code worker}'s case number {@code index} alone, as the full run made it. */
    private void replay(long seed, int worker, int index) {
        FuzzCases cases = new FuzzCases(seed, worker);
        for (int i = 0; i < index; i++) {
            cases.next();
        }
        Case replayed = cases.next();
        System.out.println("Replaying over " + replayed.channel() + ": " + replayed.describe());
        runCase(seed, worker, index, replayed);
    }

    private void runCase(long seed, int worker, int index, Case sent) {
        Result result;
        try {
            result = run(sent);
        } catch (HttpTimeoutException e) {
            result = new Result(Outcome.HUNG, "an HTTP request of the session timed out");
        } catch (Exception e) {
            tally.add(sent.channel(), "failed");
            failedSessions.add("failed: " + e + describe(seed, worker, index, sent));
            return;
        }
        tally.add(sent.channel(), result.ending());
        String failure = judge(sent, result);
        if (failure != null) {
            failedSessions.add(failure + describe(seed, worker, index, sent));
        }
    }

    /**
     * What is wrong with how a session ended, or null. A session must be answered or closed; a payload session,
     * whose probe goes whole, must not end in the client timeout (the server swallowed the probe); no request
     * may be answered 500, which says the server failed rather than the client; a valid framing must be served as
     * the seed session sent whole is.
     */
    private static String judge(Case sent, Result result) {
        if (result.outcome() == Outcome.HUNG) {
            return "hung (" + result.ending() + ")";
        }
        if (result.ending().startsWith("status 500")) {
            return "answered 500 Internal Server Error";
        }
        if (result.outcome() == Outcome.TIMED_OUT && sent.channel() != Channel.WEB_SOCKET_FRAMES) {
            return "hung: its probe went unanswered until the client timeout closed it";
        }
        if (sent.mutant() instanceof WireMutant wire && wire.valid() && result.outcome() != expected(wire.seed())) {
            return "valid framing ended in " + result.ending() + ", not as the seed session sent whole";
        }
        return null;
    }

    private static String describe(long seed, int worker, int index, Case sent) {
        return " (replay: -Dswitchboard.fuzz.seed=" + seed + " -Dswitchboard.fuzz.replay=" + worker + ":" + index
                + ") over " + sent.channel() + ", " + sent.describe();
    }

    private Result run(Case sent) throws Exception {
        return switch (sent.channel()) {
            case WEB_SOCKETS, LONG_POLLING, SERVER_SENT_EVENTS -> runPayload(sent.channel(), (Mutant) sent.mutant());
            case WEB_SOCKET_FRAMES -> runFrames((WireMutant) sent.mutant());
            case HTTP_REQUESTS, HTTP_TIMING ->
                    HttpRequestFuzzConnection.run(http, server.port(), (HttpMutant) sent.mutant(), SESSION_BOUND);
        };
    }

    private Result runPayload(Channel channel, Mutant mutant) throws Exception {
        try (FuzzConnection connection = switch (channel) {
            case LONG_POLLING -> HttpFuzzConnection.open(http, server.port(), "/fuzz", false);
            case SERVER_SENT_EVENTS -> HttpFuzzConnection.open(http, server.port(), "/fuzz", true);
            default -> WebSocketFuzzConnection.open(server.port(), "/fuzz");
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
            Outcome outcome =
                    connection.await(unfinished ? FuzzConnection.SEPARATED_PROBE : FuzzConnection.PROBE, deadline);
            return new Result(outcome, connection instanceof WebSocketFuzzConnection webSocket ? webSocket.ending()
                    : outcome.name().toLowerCase(Locale.ROOT));
        }
    }

    private Result runFrames(WireMutant mutant) throws Exception {
        try (WebSocketFuzzConnection connection = WebSocketFuzzConnection.open(server.port(), "/fuzz")) {
            if (connection == null) {
                throw new IllegalStateException("The WebSocket upgrade was refused");
            }
            for (byte[] write : mutant.writes()) {
                connection.write(write);
            }
            long deadline = System.nanoTime() + SESSION_BOUND.toNanos();
            Outcome outcome = mutant.ending() == WebSocketFrameMutator.Ending.EOF
                    ? connection.awaitEndAfterEof(deadline) : connection.await(FuzzConnection.PROBE, deadline);
            return new Result(outcome, connection.ending());
        }
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
