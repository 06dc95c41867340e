package dev.switchboard.samples.chat;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged chat jar in a process of its own, started as a user starts it: {@code java -jar chat.jar ...}.
 * Its output (standard output and error together) is kept for failure messages.
 */
final class ChatProcess implements AutoCloseable {

    /** The jar the build packaged; failsafe passes its path. */
    static final Path JAR = Path.of(System.getProperty("chat.jar", "target/chat.jar"));
    private static final Pattern RUNNING = Pattern.compile("Chat room running at http://localhost:(\\d+)/");
    private static final long START_SECONDS = 60;
    private static final long STOP_SECONDS = 30;

    private final Process process;
    private final List<String> output = new ArrayList<>();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();

    private ChatProcess(List<String> command) throws IOException {
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread reader = new Thread(this::readOutput, "chat-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Runs the jar with these JVM options and arguments; it ends by itself or when closed. */
    static ChatProcess run(List<String> jvmOptions, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", JAR.toString()));
        command.addAll(List.of(arguments));
        return new ChatProcess(command);
    }

    /** Starts {@code count} chat servers at once, each on a free port, and returns once all listen. */
    static List<ChatProcess> startAll(int count, List<String> jvmOptions, String... arguments) throws Exception {
        List<String> all = new ArrayList<>(List.of("--port", "0"));
        all.addAll(List.of(arguments));
        List<ChatProcess> started = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            started.add(run(jvmOptions, all.toArray(String[]::new)));
        }
        for (ChatProcess chat : started) {
            try {
                chat.port.get(START_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException | ExecutionException e) {
                closeAll(started);
                fail("A chat server did not start within " + START_SECONDS + " s:\n" + chat.output());
            }
        }
        return started;
    }

    /** Stops them all at once, as {@link #close()} stops one. */
    static void closeAll(List<ChatProcess> processes) throws InterruptedException {
        processes.forEach(chat -> chat.process.destroy());
        for (ChatProcess chat : processes) {
            chat.close();
        }
    }

    /** The hub's URL. */
    String hubUrl() {
        return "http://localhost:" + port.join() + "/chat";
    }

    /** Waits for the process to end by itself, and returns its exit status. */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(START_SECONDS, TimeUnit.SECONDS)) {
            fail("The chat jar did not exit within " + START_SECONDS + " s:\n" + output());
        }
        return process.exitValue();
    }

    /** Kills the process at once (SIGKILL), as a crash or {@code kill -9} does: no shutdown hook runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(STOP_SECONDS, TimeUnit.SECONDS);
    }

    /** What it printed so far. */
    synchronized String output() {
        return String.join("\n", output);
    }

    /** Stops it as Ctrl+C does (SIGTERM, so the shutdown hook runs), killing it if that takes too long. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
            kill();
        }
    }

    private void readOutput() {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                synchronized (this) {
                    output.add(line);
                }
                Matcher running = RUNNING.matcher(line);
                if (running.find()) {
                    port.complete(Integer.parseInt(running.group(1)));
                }
            }
        } catch (IOException e) {
            // The process ended; what it printed is kept.
        }
        port.completeExceptionally(new IllegalStateException("The chat server ended before listening:\n" + output()));
    }
}
