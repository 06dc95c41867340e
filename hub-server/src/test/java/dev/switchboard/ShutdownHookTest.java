package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.signalr.HubConnection;
import dev.switchboard.testing.Await;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A program whose {@code main} starts a server and returns runs on until it is told to stop, then drains: the
 * server's connected clients are closed, the log says it stopped, and the JVM exits ({@link ShutdownHookRun},
 * in a JVM of its own). The hook is registered by start() and removed by close().
 */
class ShutdownHookTest {

    private static final int EXIT_SECONDS = 60;

    @Test
    void aServerKeepsTheJvmAliveUntilSigtermThenDrains() throws Exception {
        Process run = java(List.of()).start();
        BlockingQueue<String> lines = lines(run);
        try {
            int port = Integer.parseInt(awaitLine(lines, "run: port ").substring("run: port ".length()));
            awaitLine(lines, "run: main ended");
            HttpResponse<String> root = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + port + "/")).timeout(Await.TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, root.statusCode());
            assertTrue(root.body().startsWith("No page is served at /"), root.body());
            try (JavaClients clients = new JavaClients(port)) {
                HubConnection connection = clients.connect("/test");
                CountDownLatch closed = new CountDownLatch(1);
                connection.onClosed(error -> closed.countDown());
                assertTrue(run.isAlive(), "the JVM runs on after main() returned");
                // SIGTERM; Process.destroy() would also close the streams this reads the run's log from.
                run.toHandle().destroy();
                assertTrue(closed.await(EXIT_SECONDS, TimeUnit.SECONDS), "the client was closed by the drain");
            }
            awaitLine(lines, "Switchboard on port " + port + " stopped");
            assertTrue(run.waitFor(EXIT_SECONDS, TimeUnit.SECONDS), "the JVM exits after the drain");
        } finally {
            run.destroyForcibly();
        }
    }

    @Test
    void startRegistersTheHookAndCloseRemovesIt() throws Exception {
        Process run = java(List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED")).start();
        BlockingQueue<String> lines = lines(run);
        try {
            String counts = awaitLine(lines, "run: hooks ");
            String[] n = counts.substring("run: hooks ".length()).split(" ");
            int before = Integer.parseInt(n[0]);
            assertEquals(List.of(before, before + 1, before, before),
                    List.of(Integer.parseInt(n[0]), Integer.parseInt(n[1]), Integer.parseInt(n[2]),
                            Integer.parseInt(n[3])), counts);
            assertTrue(run.waitFor(EXIT_SECONDS, TimeUnit.SECONDS), "the JVM exits once its servers are closed");
            assertEquals(0, run.exitValue());
        } finally {
            run.destroyForcibly();
        }
    }

    private static ProcessBuilder java(List<String> options) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ShutdownHookRun.class.getName()));
        if (!options.isEmpty()) {
            command.add("hooks");
        }
        return new ProcessBuilder(command).redirectErrorStream(true);
    }

    /** Every line the run prints, both streams, as it comes. */
    private static BlockingQueue<String> lines(Process run) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(run.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    System.out.println("[run] " + line);
                    lines.add(line);
                }
            } catch (IOException e) {
                // The process ended.
            }
        }, "run-output");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private static String awaitLine(BlockingQueue<String> lines, String containing) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(EXIT_SECONDS);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line != null && line.contains(containing)) {
                return line;
            }
        }
        throw new AssertionError("Timed out waiting for a line with: " + containing);
    }
}
