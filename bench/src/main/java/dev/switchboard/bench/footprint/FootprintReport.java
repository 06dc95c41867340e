package dev.switchboard.bench.footprint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Markdown of one footprint run: the command that reproduces it, then one row per flag set, each cell
 * holding every run's figure in order ("312 / 318"), so that the spread shows.
 */
final class FootprintReport {

    private static final String NONE = "–";

    private final FootprintOptions options;
    private final String command;
    private final List<List<Measurement>> bySet;

    /** The machine's load average (1, 5, 15 minutes) before and after: other work skews time and CPU. */
    private final String loadBefore;
    private final String loadAfter;

    FootprintReport(FootprintOptions options, String command, List<List<Measurement>> bySet, String loadBefore,
                    String loadAfter) {
        this.options = options;
        this.command = command;
        this.bySet = bySet;
        this.loadBefore = loadBefore;
        this.loadAfter = loadAfter;
    }

    /** The first three fields of /proc/loadavg. */
    static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
        return fields[0] + ", " + fields[1] + ", " + fields[2];
    }

    String markdown() throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("## ").append(options.jar().getFileName()).append(", ").append(String.format("%,d", options.clients()))
                .append(" clients\n\n");
        md.append("```\n").append(command).append("\n```\n\n");
        md.append(String.format("%s; %d cores, %s; Java %s. Each flag set ran %d time(s), each on a freshly started "
                        + "server, `java FLAGS -jar %s --port 0%s`; a cell lists every run's figure in order (one "
                        + "figure when all agree). Load average %s before, %s after: the load generator shares the "
                        + "machine, and other work there skews the times and CPU figures more than the memory.%n%n",
                LocalDate.now(), Runtime.getRuntime().availableProcessors(), memory(), System.getProperty("java.version"),
                options.runs(), options.jar(), options.serverArgs().isEmpty() ? ""
                        : " " + String.join(" ", options.serverArgs()), loadBefore, loadAfter));
        md.append(String.format("Workload: %,d clients connect over WebSockets (200 at a time); %s.%n%n",
                options.clients(), Workload.of(options).description()));
        md.append("| JVM flags | RSS after join (MiB) | VmHWM after join | heap used after join | heap committed "
                + "after join | threads | RSS during workload, min–max | RSS at end | VmHWM at end "
                + "| live heap after full GC at end | connect + join (s) | workload (s) | server CPU in workload (s) "
                + "| server CPU, whole run (s) | outcome | WARN/ERROR log lines |\n");
        md.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|--:|\n");
        for (List<Measurement> runs : bySet) {
            List<Function<Measurement, String>> columns = List.of(
                    m -> mib(m.joinedKb),
                    m -> mib(m.joinedHwmKb),
                    m -> m.joinedHeap == null ? NONE : mib(m.joinedHeap.usedKb()),
                    m -> m.joinedHeap == null ? NONE : mib(m.joinedHeap.committedKb()),
                    m -> number(m.threads),
                    m -> m.during == null ? NONE : mib(m.during.minKb()) + "–" + mib(m.during.maxKb()),
                    m -> mib(m.endKb),
                    m -> mib(m.endHwmKb),
                    m -> m.liveHeap == null ? NONE : mib(m.liveHeap.usedKb()),
                    m -> seconds(m.connectSeconds),
                    m -> m.outcome == null ? NONE : seconds(m.outcome.seconds()),
                    m -> cpu(m.workloadCpuNanos),
                    m -> cpu(m.totalCpuNanos),
                    m -> m.outcome == null ? "failed" : m.outcome.summary(),
                    m -> number(m.logProblems));
            md.append("| ").append(flags(runs.get(0).flags));
            for (Function<Measurement, String> column : columns) {
                md.append(" | ").append(cells(runs, column));
            }
            md.append(" |\n");
        }
        String failures = bySet.stream().flatMap(List::stream).filter(m -> !m.succeeded())
                .map(m -> "- `" + flags(m.flags) + "`, run " + m.run + ": " + m.failure)
                .collect(Collectors.joining("\n"));
        if (!failures.isEmpty()) {
            md.append("\nFailed runs:\n\n").append(failures).append('\n');
        }
        md.append("\nRSS is VmRSS from /proc/PID/status, VmHWM its peak since the start; heap figures are jcmd "
                + "GC.heap_info's; the live heap is measured after `jcmd PID GC.run` with every client still "
                + "connected. Server CPU is user + system time from /proc/PID/stat. MiB throughout.\n");
        return md.toString();
    }

    /** Every run's figure in order, or the one figure when all runs agree. */
    private static String cells(List<Measurement> runs, Function<Measurement, String> cell) {
        List<String> values = runs.stream().map(cell).toList();
        return values.stream().distinct().count() == 1 ? values.get(0) : String.join(" / ", values);
    }

    static String flags(List<String> flags) {
        return flags.isEmpty() ? "(JVM defaults)" : "`" + String.join(" ", flags) + "`";
    }

    private static String mib(long kb) {
        return kb < 0 ? NONE : Long.toString(Math.round(kb / 1024.0));
    }

    private static String number(long value) {
        return value < 0 ? NONE : Long.toString(value);
    }

    private static String seconds(double value) {
        return value < 0 ? NONE : String.format("%.1f", value);
    }

    private static String cpu(long nanos) {
        return nanos < 0 ? NONE : String.format("%.1f", nanos / 1e9);
    }

    /** The machine's memory, from /proc/meminfo. */
    private static String memory() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                return String.format("%.1f GiB RAM", Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0 / 1024);
            }
        }
        return "RAM unknown";
    }
}
