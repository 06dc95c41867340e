package dev.switchboard.bench.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process the orchestrator talks to in lines: commands on its standard input, one answer line each on
 * its standard output; standard error goes to a log file. Every wait has a limit, and a process that dies
 * or falls silent is reported with its log's name instead of hanging the run.
 */
final class ChildProcess implements AutoCloseable {

    private static final String ENDED = "\u0000ended";

    private final String name;
    private final Process process;
    private final Writer input;
    private final Path log;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    ChildProcess(String name, List<String> command, Path log) throws IOException {
        this.name = name;
        this.log = log;
        this.process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        this.input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readLines, name + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    long pid() {
        return process.pid();
    }

    /** Sends one command line. */
    synchronized void send(String line) {
        try {
            input.write(line + "\n");
            input.flush();
        } catch (IOException e) {
            throw new IllegalStateException(name + " no longer takes commands; see " + log, e);
        }
    }

    /** The next line it prints, waiting at most {@code limit}. */
    String reply(Duration limit) {
        String line;
        try {
            line = lines.poll(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted waiting for " + name, e);
        }
        if (line == null) {
            throw new IllegalStateException(name + " did not answer within " + limit + "; see " + log);
        }
        if (line.equals(ENDED)) {
            lines.add(ENDED);
            throw new IllegalStateException(name + " ended; see " + log);
        }
        if (line.startsWith("error ")) {
            throw new IllegalStateException(name + ": " + line.substring("error ".length()));
        }
        return line;
    }

    /** Sends {@code command} and returns its answer, which must start with {@code expected}. */
    String request(String command, String expected, Duration limit) {
        send(command);
        return expect(expected, limit);
    }

    /** The next line, which must start with {@code expected}; what follows it. */
    String expect(String expected, Duration limit) {
        String line = reply(limit);
        if (!line.startsWith(expected)) {
            throw new IllegalStateException(name + " answered '" + line + "', not " + expected);
        }
        return line.substring(expected.length()).trim();
    }

    /** The first group of {@code pattern} in the first line it is found in; other lines are skipped. */
    String skipToMatch(Pattern pattern, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            Matcher matcher = pattern.matcher(reply(Duration.ofNanos(Math.max(1, deadline - System.nanoTime()))));
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
    }

    /** What follows {@code prefix} on the first line that starts with it; other lines (a JVM's notes) are skipped. */
    String skipTo(String prefix, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            String line = reply(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length()).trim();
            }
        }
    }

    private void readLines() {
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = output.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            // The process ended; the marker below says so.
        }
        lines.add(ENDED);
    }

    /** Closes its standard input, which asks it to stop, and kills it if it has not within ten seconds. */
    @Override
    public void close() {
        try {
            input.close();
        } catch (IOException e) {
            // Already gone.
        }
        awaitExit(process);
    }

    /** Sends it SIGTERM, as Ctrl+C would, and kills it if it has not ended within ten seconds. */
    void terminate() {
        process.destroy();
        awaitExit(process);
    }

    /** Waits ten seconds for a process asked to stop to end, and kills it if it has not. */
    static void awaitExit(Process process) {
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }
}
