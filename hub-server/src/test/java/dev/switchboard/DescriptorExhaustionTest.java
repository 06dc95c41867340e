package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.Prerequisites;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A server run out of file descriptors: started in a JVM of its own ({@link DescriptorLimitServer}) under
 * {@code ulimit -n 256}, it is attacked by more sockets than that, all held open. While they are held the server
 * must not spin (its CPU time stays well below one core), must say once that it is out of descriptors, and
 * must not flood its log; once the attacker closes them a real user must negotiate, open a WebSocket and call
 * the hub. Both for a server that has served nothing before the attack, which the JDK's lazily initialised socket
 * classes used to break for good, and for one that has.
 */
@Tag("slow")
class DescriptorExhaustionTest {

    private static final int DESCRIPTOR_LIMIT = 256;
    private static final int ATTACK_ATTEMPTS = 400;
    private static final String OUT_OF_DESCRIPTORS = "Out of file descriptors";
    private static final String ACCEPTING_AGAIN = "Accepting connections again";
    /** Linux's USER_HZ, the unit of the CPU times in /proc/PID/stat, is 100 on every architecture it runs on. */
    private static final double TICKS_PER_SECOND = 100;
    private static final Duration CPU_WINDOW = Duration.ofSeconds(3);
    private static final Duration RECOVERY = Duration.ofSeconds(30);

    @BeforeEach
    void needsLinux() throws Exception {
        if (!Files.isReadable(Path.of("/proc/self/stat"))) {
            Prerequisites.missing("The descriptor exhaustion test needs Linux's /proc");
        }
        Prerequisites.onPath("the descriptor exhaustion test", "bash");
    }

    @Test
    void aServerThatHasServedNothingSurvivesRunningOutOfDescriptors() throws Exception {
        try (ChildServer server = ChildServer.start()) {
            attackThenConnect(server);
            assertLoggedOnce(server);
        }
    }

    /** A second attack within the minute is not logged again: an attacker cannot flood the log by repeating. */
    @Test
    void aServerThatHasServedSurvivesRepeatedAttacksAndWarnsOnce() throws Exception {
        try (ChildServer server = ChildServer.start()) {
            userConnectsAndCalls(server.port, RECOVERY);
            attackThenConnect(server);
            attackThenConnect(server);
            assertLoggedOnce(server);
        }
    }

    private static void attackThenConnect(ChildServer server) throws Exception {
        List<Socket> held = attack(server.port);
        try {
            assertTrue(held.size() > DESCRIPTOR_LIMIT, "The attacker held only " + held.size() + " sockets");
            server.awaitOutOfDescriptors(RECOVERY);
            double cpuBefore = server.cpuSeconds();
            long wallBefore = System.nanoTime();
            // A measuring window, not a wait for an event: the server's CPU time while the attack goes on.
            LockSupport.parkNanos(CPU_WINDOW.toNanos());
            double share = (server.cpuSeconds() - cpuBefore) / ((System.nanoTime() - wallBefore) / 1e9);
            assertTrue(share < 0.5, "Out of descriptors, the server used " + Math.round(share * 100)
                    + " % of a core:\n" + server.output());
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
        userConnectsAndCalls(server.port, RECOVERY);
    }

    /** One warning when accepting stopped, one line when it started again, and nothing else to speak of. */
    private static void assertLoggedOnce(ChildServer server) {
        server.awaitLine(ACCEPTING_AGAIN, RECOVERY);
        String logged = server.output();
        assertEquals(1, count(logged, OUT_OF_DESCRIPTORS), logged);
        assertEquals(1, count(logged, ACCEPTING_AGAIN), logged);
        assertFalse(logged.contains("Could not initialize class"), logged);
        assertFalse(logged.contains("Exception"), logged);
        assertTrue(logged.lines().count() < 40, "The server logged " + logged.lines().count() + " lines:\n"
                + logged);
    }

    /** Up to {@link #ATTACK_ATTEMPTS} sockets, each kept if it connects; stops early once connecting times out. */
    private static List<Socket> attack(int port) {
        List<Socket> held = new ArrayList<>();
        int timedOut = 0;
        for (int i = 0; i < ATTACK_ATTEMPTS && timedOut < 5; i++) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
                held.add(socket);
            } catch (IOException e) {
                timedOut++;
                closeQuietly(socket);
            }
        }
        return held;
    }

    /**
     * A user of the official client negotiates, opens a WebSocket and calls the hub, trying again with growing
     * pauses until {@code within} has passed.
     */
    private static void userConnectsAndCalls(int port, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        long pauseMillis = 100;
        Exception last;
        while (true) {
            HubConnection connection = HubConnectionBuilder.create("http://127.0.0.1:" + port + "/test").build();
            try {
                if (connection.start().blockingAwait(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    assertEquals(3, connection.invoke(Integer.class, "add", 1, 2)
                            .timeout(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS).blockingGet());
                    return;
                }
                last = new TimeoutException("The connection did not start");
            } catch (RuntimeException e) {
                last = e;
            } finally {
                connection.stop().blockingAwait(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
            if (System.nanoTime() > deadline) {
                fail("No user could connect within " + within.toSeconds() + " s", last);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(pauseMillis));
            pauseMillis = Math.min(pauseMillis * 2, 2_000);
        }
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Never connected: nothing to release.
        }
    }

    /** {@link DescriptorLimitServer} in a JVM with a low descriptor limit, and what it prints. */
    private static final class ChildServer implements AutoCloseable {

        private final Process process;
        private final StringBuffer output = new StringBuffer();
        private final int port;

        private ChildServer(Process process) throws Exception {
            this.process = process;
            CompletableFuture<Integer> announced = new CompletableFuture<>();
            Thread reader = new Thread(() -> read(announced), "child-server-output");
            reader.setDaemon(true);
            reader.start();
            try {
                this.port = announced.get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                process.destroyForcibly();
                throw new AssertionError("The server did not start:\n" + output, e);
            }
        }

        static ChildServer start() throws Exception {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            // The limit applies to the JVM that bash becomes; its arguments stay apart from the script.
            return new ChildServer(new ProcessBuilder("bash", "-c", "ulimit -n " + DESCRIPTOR_LIMIT + " && exec \"$@\"",
                    "bash", java, "-cp", System.getProperty("java.class.path"), DescriptorLimitServer.class.getName())
                    .redirectErrorStream(true).start());
        }

        private void read(CompletableFuture<Integer> port) {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.startsWith(DescriptorLimitServer.PORT_LINE) && !port.isDone()) {
                        port.complete(Integer.parseInt(line.substring(DescriptorLimitServer.PORT_LINE.length())));
                    } else {
                        output.append(line).append('\n');
                    }
                }
            } catch (IOException e) {
                // The process ended; what it printed is kept.
            }
            port.completeExceptionally(new IOException("The server's output ended"));
        }

        String output() {
            return output.toString();
        }

        /** Waits until the server holds (almost) as many descriptors as it may. */
        void awaitOutOfDescriptors(Duration within) throws IOException {
            Path descriptors = Path.of("/proc", String.valueOf(process.pid()), "fd");
            long deadline = System.nanoTime() + within.toNanos();
            while (true) {
                long open;
                try (Stream<Path> list = Files.list(descriptors)) {
                    open = list.count();
                }
                if (open >= DESCRIPTOR_LIMIT - 2) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    fail("The server held only " + open + " descriptors after " + within.toSeconds() + " s:\n"
                            + output());
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        }

        void awaitLine(String part, Duration within) {
            long deadline = System.nanoTime() + within.toNanos();
            while (!output().contains(part)) {
                if (System.nanoTime() > deadline) {
                    fail("The server did not log \"" + part + "\" within " + within.toSeconds() + " s:\n" + output());
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        }

        /** User and system CPU time of the server's JVM so far. */
        double cpuSeconds() throws IOException {
            String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
            // Fields from the third on follow the command name's closing parenthesis; utime and stime are 14 and 15.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        }

        @Override
        public void close() throws Exception {
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
