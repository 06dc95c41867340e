package dev.switchboard.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.HdrHistogram.Histogram;

/** Writes a comparison's rows as Markdown: the machine and versions, one table per scenario, the targets. */
final class Report {

    private static final double HEAP_TARGET = 8 * 1024;
    private static final double RSS_TARGET = 24 * 1024;
    private static final double LATENCY_TARGET_MILLIS = 50;
    private static final double POLLING_TARGET = 50_000;

    private final Comparison results;
    private final BenchOptions options;
    private final String command;
    private final StringBuilder out = new StringBuilder();

    Report(Comparison results, BenchOptions options, String command) {
        this.results = results;
        this.options = options;
        this.command = command;
    }

    String markdown() throws IOException, InterruptedException {
        SideBySide sideBySide = new SideBySide(results);
        line(options.servers().contains("socketio") ? "# Switchboard and socket.io, side by side"
                : "# Switchboard, side by side");
        line("");
        line("Measured " + LocalDate.now() + " with `" + command + "`. Every server and load-generator process "
                + "shares one machine: " + machine() + "; its load average (1, 5, 15 minutes) was "
                + results.loadBefore + " at the start and " + Comparison.loadAverage() + " at the end.");
        line("");
        Properties versions = versions();
        line("- Switchboard " + versions.getProperty("switchboard") + " (Tyrus " + versions.getProperty("tyrus")
                + ", Grizzly " + versions.getProperty("grizzly") + ", Jackson " + versions.getProperty("jackson")
                + ") on " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + ", options `" + String.join(" ", options.serverOptions()) + "`.");
        if (options.servers().contains(SideBySide.TOMCAT)) {
            line("- Switchboard in Tomcat: hub-servlet on an embedded Tomcat " + versions.getProperty("tomcat")
                    + " (its defaults, one connector).");
        }
        if (options.servers().contains(SideBySide.SPRING)) {
            line("- The plain Spring handler: Spring Boot " + springBootVersion() + " on its embedded Tomcat "
                    + versions.getProperty("tomcat") + " (bench/spring-server), JVM options as above.");
        }
        if (options.servers().contains("socketio")) {
            line("- socket.io " + socketIoVersion() + " on Node.js " + output("node", "--version") + ".");
        }
        if (results.redisVersion != null) {
            line("- Redis " + results.redisVersion + (options.redis() == null
                    ? ", a redis-server the benchmark started on loopback with persistence off"
                    : " at " + options.redis()) + ", through `RedisBackplane` (Lettuce "
                    + versions.getProperty("lettuce") + ").");
        }
        line("- Load: " + (options.deflate()
                ? "receivers on Tomcat's WebSocket client offering permessage-deflate (as browsers do), the sender "
                        + "on java.net.http's, "
                : "java.net.http WebSocket and HttpClient clients (which offer no permessage-deflate) ")
                + "in processes of at most "
                + String.format("%,d", dev.switchboard.bench.run.Workers.CLIENTS_PER_PROCESS)
                + " clients, one sender (one on each server on Redis); latency is from the send time stamped in each "
                + "message to its arrival. Every client of a row, senders included, speaks its protocol: SignalR's "
                + "JSON or MessagePack hub protocol, or socket.io's.");
        line("");
        fanOut();
        scaledOut();
        paced();
        density();
        echo();
        if (sideBySide.applies()) {
            sideBySide.section(this::line);
        }
        polling();
        micro();
        failures();
        targets(sideBySide);
        return out.toString();
    }

    private void fanOut() {
        line("## Fan-out");
        line("");
        line("Every client has joined; one sender broadcasts messages back to back, at most " + options.window()
                + " unanswered, each delivered to every client. CPU is user + system time from /proc over the run: the "
                + "server process's, and all the load-generator processes' (which read every message on the same "
                + "two cores).");
        line("");
        line("| clients | payload | server | protocol | messages | deliveries/s | server CPU per delivery | load-generator CPU per delivery | p50 | p99 | max | lost |");
        line("|---:|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Rows.FanOut row : results.fanOuts) {
            line("%s %,d |", fanOutCells(row), row.lost());
        }
        line("");
    }

    private void scaledOut() {
        if (results.scaledOut.isEmpty()) {
            return;
        }
        line("## Fan-out across two servers through Redis");
        line("");
        line("The fan-out above again, on two Switchboard servers sharing a Redis backplane, next to the one "
                + "server's row: the same clients, split evenly between the servers, and the same messages, sent "
                + "in turn through a sender on each server, so every message reaches half the clients through "
                + "Redis. Server CPU is both servers'" + (options.redis() == null ? " and redis-server's" : "")
                + "; PUBLISH is from Redis's `INFO commandstats` over the run.");
        line("");
        line("| clients | payload | server | protocol | messages | deliveries/s | server CPU per delivery | load-generator CPU per delivery | p50 | p99 | max | PUBLISH per message | lost |");
        line("|---:|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Rows.FanOut scaled : results.scaledOut) {
            results.fanOuts.stream()
                    .filter(row -> row.server().equals("switchboard") && row.protocol().equals(scaled.protocol())
                            && row.clients() == scaled.clients() && row.size() == scaled.size())
                    .findFirst().ifPresent(this::scaledOutRow);
            scaledOutRow(scaled);
        }
        line("");
    }

    private void scaledOutRow(Rows.FanOut row) {
        String publishes = row.publishes() < 0 ? "–" : String.format(Locale.ROOT, "%.2f", row.publishesPerMessage());
        line("%s %s | %,d |", fanOutCells(row), publishes, row.lost());
    }

    /** The cells both fan-out tables start with, from the client count to the greatest latency. */
    private static String fanOutCells(Rows.FanOut row) {
        return String.format(Locale.ROOT, "| %,d | %s | %s | %s | %,d | %,.0f | %.2f µs | %.2f µs | %s | %s | %s |",
                row.clients(), bytes(row.size()), row.server(), row.protocol(), row.messages(),
                row.deliveriesPerSecond(),
                row.cpuMicrosPerDelivery(), row.loadCpuMicrosPerDelivery(), millis(row.latencyMicros(), 50),
                millis(row.latencyMicros(), 99), millis(row.latencyMicros(), 100));
    }

    private void paced() {
        line("## Latency at one broadcast per " + duration() + "");
        line("");
        line("CPU columns are per delivery: the server's, the part of it in the kernel (one socket write per "
                + "delivery when nothing can be coalesced; on loopback the write also runs the receiver's TCP "
                + "path), and the load generator's (every worker process), which shares the two cores."
                + (results.redisVersion != null && options.redis() == null
                        ? " The servers on Redis count both servers' CPU and redis-server's." : ""));
        line("");
        line("| clients | payload | server | protocol | messages | server CPU | of it in the kernel | load-generator CPU | p50 | p99 | max | lost |");
        line("|---:|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Rows.FanOut row : results.paced) {
            line("| %,d | %s | %s | %s | %,d | %.2f µs | %.2f µs | %.2f µs | %s | %s | %s | %,d |", row.clients(),
                    bytes(row.size()), row.server(), row.protocol(), row.messages(), row.cpuMicrosPerDelivery(),
                    row.systemMicrosPerDelivery(), row.loadCpuMicrosPerDelivery(),
                    millis(row.latencyMicros(), 50), millis(row.latencyMicros(), 99),
                    millis(row.latencyMicros(), 100), row.lost());
        }
        line("");
    }

    private void density() {
        if (results.densities.isEmpty()) {
            return;
        }
        line("## Density");
        line("");
        line("Idle WebSocket connections, each joined to the chat: the server's heap after a full collection "
                + "(V8's heap for Node) and its resident set, less what it used before the first connection.");
        line("");
        line("| connections | server | protocol | heap per connection | RSS per connection | heap in all | RSS in all |");
        line("|---:|---|---|---:|---:|---:|---:|");
        for (Rows.Density row : results.densities) {
            line("| %,d | %s | %s | %.1f KB | %.1f KB | %.0f MB | %.0f MB |", row.clients(), row.server(),
                    row.protocol(), row.heapPerConnection() / 1024, row.rssPerConnection() / 1024,
                    row.heapAfter() / 1048576.0, row.rssAfter() / 1048576.0);
        }
        line("");
    }

    private void echo() {
        if (results.echoes.isEmpty()) {
            return;
        }
        line("## Echo");
        line("");
        line("Each client invokes `echo` with 32 characters and keeps the given number of calls in flight, each "
                + "answer sending the next call; parallel is the server's `maximumParallelInvocationsPerClient`.");
        line("");
        line("| clients | server | protocol | parallel | in flight | round trips/s | server CPU per round trip | p50 | p99 | max | failures |");
        line("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Rows.Echo row : results.echoes) {
            line("| %,d | %s | %s | %s | %,d | %,.0f | %.1f µs | %s | %s | %s | %,d |", row.clients(), row.server(),
                    row.protocol(), row.parallel() == 0 ? "–" : Integer.toString(row.parallel()), row.inFlight(),
                    row.roundTripsPerSecond(), row.cpuMicrosPerRoundTrip(),
                    millis(row.roundTripMicros(), 50), millis(row.roundTripMicros(), 99),
                    millis(row.roundTripMicros(), 100), row.failures());
        }
        line("");
    }

    private void polling() {
        if (results.polling.isEmpty()) {
            return;
        }
        line("## Long-polling fan-out (Switchboard)");
        line("");
        line("As the fan-out above, with every receiver on long polling (the sender stays on WebSocket). "
                + "The load generator speaks socket.io over WebSocket only, so socket.io has no row here.");
        line("");
        line("| clients | payload | protocol | messages | messages/s | messages per poll | server CPU per delivery | p50 | p99 | max | lost |");
        line("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Rows.FanOut row : results.polling) {
            line("| %,d | %s | %s | %,d | %,.0f | %.1f | %.2f µs | %s | %s | %s | %,d |", row.clients(),
                    bytes(row.size()), row.protocol(), row.messages(), row.deliveriesPerSecond(),
                    row.messagesPerPoll(), row.cpuMicrosPerDelivery(),
                    millis(row.latencyMicros(), 50), millis(row.latencyMicros(), 99),
                    millis(row.latencyMicros(), 100), row.lost());
        }
        line("");
    }

    private void micro() {
        if (results.micro.isEmpty()) {
            return;
        }
        line("## Micro-benchmarks (JMH)");
        line("");
        line("The hot paths in one process over no-op transports: `java -cp bench/target/bench.jar "
                + "org.openjdk.jmh.Main -prof gc` runs them alone.");
        line("");
        line("| benchmark | parameters | time per operation | allocated per operation |");
        line("|---|---|---:|---:|");
        for (Micro.Row row : results.micro) {
            String error = Double.isFinite(row.error()) ? String.format(Locale.ROOT, " ± %,.0f", row.error()) : "";
            line("| %s | %s | %,.0f%s ns | %,.0f B |", row.benchmark(), row.params(), row.nanos(), error,
                    row.bytes());
        }
        line("");
    }

    private void failures() {
        if (results.failures.isEmpty()) {
            return;
        }
        line("## Not measured");
        line("");
        for (Rows.Failure failure : results.failures) {
            line("- %s (%s), %s: %s", failure.server(), failure.protocol(), failure.scenario(), failure.reason());
        }
        line("");
    }

    private void targets(SideBySide sideBySide) {
        line("## Against the targets");
        line("");
        line("| target | measured | met |");
        line("|---|---|---|");
        for (Rows.FanOut ours : rows(results.fanOuts, "switchboard")) {
            Optional<Rows.FanOut> theirs = results.fanOuts.stream()
                    .filter(row -> row.server().equals("socket.io") && row.clients() == ours.clients()
                            && row.size() == ours.size())
                    .findFirst();
            if (theirs.isEmpty()) {
                continue;
            }
            double cpu = ours.cpuMicrosPerDelivery() / theirs.get().cpuMicrosPerDelivery();
            double rate = ours.deliveriesPerSecond() / theirs.get().deliveriesPerSecond();
            line("| fan-out %,d × %s%s: CPU per delivery ≤ ⅓ of socket.io's, deliveries/s ≥ 2× | %.2f× the CPU, %.2f× the rate | %s |",
                    ours.clients(), bytes(ours.size()), in(ours.protocol()), cpu, rate,
                    yesNo(cpu <= 1 / 3.0 && rate >= 2 && ours.lost() == 0));
        }
        for (Rows.Density row : results.densities) {
            if (row.server().equals("switchboard")) {
                line("| density at %,d%s: ≤ 8 KB heap and ≤ 24 KB RSS per connection | %.1f KB heap, %.1f KB RSS | %s |",
                        row.clients(), in(row.protocol()), row.heapPerConnection() / 1024,
                        row.rssPerConnection() / 1024,
                        yesNo(row.heapPerConnection() <= HEAP_TARGET && row.rssPerConnection() <= RSS_TARGET));
            }
        }
        for (Rows.FanOut row : rows(results.paced, "switchboard")) {
            double p99 = row.latencyMicros().getValueAtPercentile(99) / 1000.0;
            line("| p99 < 50 ms, %s broadcast per %s to %,d clients%s | %.1f ms | %s |", bytes(row.size()), duration(),
                    row.clients(), in(row.protocol()), p99, yesNo(p99 < LATENCY_TARGET_MILLIS && row.lost() == 0));
        }
        results.polling.stream().mapToDouble(Rows.FanOut::deliveriesPerSecond).max().ifPresent(best ->
                line("| long polling ≥ 50,000 messages/s | %,.0f messages/s at best | %s |", best,
                        yesNo(best >= POLLING_TARGET)));
        sideBySide.targets(this::line);
        line("");
    }

    private static List<Rows.FanOut> rows(List<Rows.FanOut> rows, String server) {
        List<Rows.FanOut> matching = new ArrayList<>();
        for (Rows.FanOut row : rows) {
            if (row.server().equals(server)) {
                matching.add(row);
            }
        }
        return matching;
    }

    private String duration() {
        long millis = options.pacedInterval().toMillis();
        return millis % 1000 == 0 ? (millis == 1000 ? "second" : millis / 1000 + " s") : millis + " ms";
    }

    /** What a target's row says of its protocol: nothing for JSON, the targets' own, as before MessagePack. */
    static String in(String protocol) {
        return protocol.equals(BenchOptions.JSON) ? "" : " in " + protocol;
    }

    static String yesNo(boolean met) {
        return met ? "yes" : "**no**";
    }

    static String bytes(int size) {
        return size >= 1024 && size % 1024 == 0 ? size / 1024 + " KB" : size + " B";
    }

    static String millis(Histogram micros, double percentile) {
        if (micros.getTotalCount() == 0) {
            return "–";
        }
        long value = percentile >= 100 ? micros.getMaxValue() : micros.getValueAtPercentile(percentile);
        return String.format(Locale.ROOT, "%.1f ms", value / 1000.0);
    }

    /** The Spring Boot version its repackaged jar's manifest names. */
    private String springBootVersion() throws IOException {
        if (!Files.isRegularFile(options.springJar())) {
            return "(not built)";
        }
        try (JarFile jar = new JarFile(options.springJar().toFile())) {
            return jar.getManifest().getMainAttributes().getValue("Spring-Boot-Version");
        }
    }

    private String socketIoVersion() throws IOException {
        Path manifest = options.socketIoDir().resolve("node_modules/socket.io/package.json");
        if (!Files.exists(manifest)) {
            return "(not installed)";
        }
        return new ObjectMapper().readTree(manifest.toFile()).path("version").asText("(unknown)");
    }

    private static String machine() throws IOException, InterruptedException {
        String model = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(line -> line.startsWith("model name")).findFirst()
                .map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("unknown CPU");
        long memory = Files.readAllLines(Path.of("/proc/meminfo")).stream()
                .filter(line -> line.startsWith("MemTotal")).findFirst()
                .map(line -> Long.parseLong(line.replaceAll("[^0-9]", ""))).orElse(0L);
        return Runtime.getRuntime().availableProcessors() + " cores of " + model + ", "
                + Math.round(memory / 1048576.0) + " GB, " + output("uname", "-sr");
    }

    private static Properties versions() throws IOException {
        Properties versions = new Properties();
        try (InputStream in = Report.class.getResourceAsStream("/bench-versions.properties")) {
            if (in != null) {
                versions.load(in);
            }
        }
        return versions;
    }

    private static String output(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes()).trim();
        process.waitFor(10, TimeUnit.SECONDS);
        return text;
    }

    private void line(String format, Object... args) {
        out.append(args.length == 0 ? format : String.format(Locale.ROOT, format, args)).append('\n');
    }
}
