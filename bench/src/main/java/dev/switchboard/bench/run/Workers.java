package dev.switchboard.bench.run;

import dev.switchboard.bench.load.Deliveries;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The load-generator processes of one measurement. Clients are spread evenly over them, since one process
 * may hold at most 20,000 open files; every command goes to all of them and their answers are summed.
 */
public final class Workers implements AutoCloseable {

    /** Clients per process: well under the limit of open files, with room for the JVM's own. */
    public static final int CLIENTS_PER_PROCESS = 8_000;
    private static final Duration ANSWER_LIMIT = Duration.ofSeconds(60);

    private final List<ChildProcess> processes = new ArrayList<>();
    private final Map<String, Integer> openedAt = new HashMap<>();
    private int opened;

    /** Enough processes for {@code clients} clients, started with {@code jar} on their class path. */
    public Workers(Path jar, int clients, Path logs) throws IOException {
        int count = Math.max(1, (clients + CLIENTS_PER_PROCESS - 1) / CLIENTS_PER_PROCESS);
        for (int i = 0; i < count; i++) {
            List<String> command = List.of(ChildProcess.java().toString(), "-Xmx3g", "-XX:+UseParallelGC",
                    "-cp", jar.toString(), "dev.switchboard.bench.load.Worker");
            processes.add(new ChildProcess("worker " + (i + 1), command, logs.resolve("worker-" + (i + 1) + ".log")));
        }
    }

    /** Connects {@code count} more clients, each joining the chat; fails if any could not. */
    public void open(String dialect, String transport, String address, int count) {
        int each = count / processes.size();
        for (int i = 0; i < processes.size(); i++) {
            int share = i == processes.size() - 1 ? count - each * (processes.size() - 1) : each;
            processes.get(i).send("open " + dialect + " " + transport + " " + address + " " + share + " "
                    + (opened + i * each));
        }
        Duration limit = Duration.ofSeconds(120 + count / 100);
        for (ChildProcess process : processes) {
            String[] answer = process.expect("opened", limit).split(" ");
            if (!answer[1].equals("0")) {
                throw new IllegalStateException(answer[1] + " clients could not connect and join; the first: "
                        + answer[2].replace('_', ' '));
            }
        }
        opened += count;
        openedAt.merge(address, count, Integer::sum);
    }

    /**
     * Connects clients until {@code total} are open, spread evenly over {@code addresses}: one server's
     * clients, or a scale-out's, each server with its share.
     */
    public void openEvenly(String dialect, String transport, List<String> addresses, int total) {
        for (int i = 0; i < addresses.size(); i++) {
            int share = total / addresses.size() + (i < total % addresses.size() ? 1 : 0);
            int more = share - openedAt.getOrDefault(addresses.get(i), 0);
            if (more > 0) {
                open(dialect, transport, addresses.get(i), more);
            }
        }
    }

    /** The CPU time all the load-generator processes have used so far, in nanoseconds. */
    public long cpuNanos() throws IOException {
        long total = 0;
        for (ChildProcess process : processes) {
            total += CpuTime.of(process.pid()).totalNanos();
        }
        return total;
    }

    /** Starts a new measurement in every process. */
    public void reset() {
        processes.forEach(process -> process.send("reset"));
        processes.forEach(process -> process.expect("ok", ANSWER_LIMIT));
    }

    /** Messages delivered since the reset, over all processes. */
    public long delivered() {
        processes.forEach(process -> process.send("count"));
        long total = 0;
        for (ChildProcess process : processes) {
            total += Long.parseLong(process.expect("count", ANSWER_LIMIT));
        }
        return total;
    }

    /**
     * Polls {@link #delivered()} until {@code expected} messages have arrived or none has for {@code quiet}: a
     * lost message must end the wait, not hang it.
     */
    public void awaitDelivered(long expected, Duration quiet) throws InterruptedException {
        long delivered = 0;
        long lastProgress = System.nanoTime();
        while (delivered < expected && System.nanoTime() - lastProgress < quiet.toNanos()) {
            TimeUnit.MILLISECONDS.sleep(20);
            long now = delivered();
            if (now > delivered) {
                delivered = now;
                lastProgress = System.nanoTime();
            }
        }
    }

    /** Everything measured since the reset, merged. */
    public Received received() {
        processes.forEach(process -> process.send("stats"));
        Histogram latency = new Histogram(Deliveries.MAX_MICROS, 3);
        long delivered = 0;
        long last = 0;
        long polls = 0;
        long lost = 0;
        for (ChildProcess process : processes) {
            String[] words = process.expect("stats", ANSWER_LIMIT).split(" ");
            delivered += Long.parseLong(words[0]);
            last = Math.max(last, Long.parseLong(words[1]));
            polls += Long.parseLong(words[2]);
            lost += Long.parseLong(words[3]);
            latency.add(Deliveries.decode(words[4]));
        }
        return new Received(delivered, last, polls, lost, latency);
    }

    /** {@code clients} clients of the first process invoke echo for {@code seconds}, one call in flight each. */
    public Echoed echo(int clients, int seconds) {
        return echo(clients, 1, seconds);
    }

    /** {@code clients} clients of the first process invoke echo for {@code seconds}, {@code inFlight} calls each. */
    public Echoed echo(int clients, int inFlight, int seconds) {
        String[] words = processes.get(0).request("echo " + clients + " " + seconds + " " + inFlight, "echo",
                Duration.ofSeconds(seconds + 120L)).split(" ");
        return new Echoed(Long.parseLong(words[0]), Long.parseLong(words[1]), Deliveries.decode(words[2]));
    }

    @Override
    public void close() {
        for (ChildProcess process : processes) {
            try {
                process.request("close", "closed", ANSWER_LIMIT);
            } catch (IllegalStateException e) {
                // It is being stopped anyway.
            }
            process.close();
        }
    }

    /** What the receivers got: messages, the time of the last one, polls that carried messages, lost connections. */
    public record Received(long delivered, long lastNanos, long pollsWithMessages, long lostConnections,
                           Histogram latencyMicros) {
    }

    /** Round trips completed, invocations that failed, and their times. */
    public record Echoed(long roundTrips, long failures, Histogram roundTripMicros) {
    }
}
