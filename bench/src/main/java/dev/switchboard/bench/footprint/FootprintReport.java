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

    FootprintReport(FootprintOptions options, String command, List<List<Measurement>> bySet) {
        this.options = options;
        this.command = command;
        this.bySet = bySet;
    }

    String markdown() throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("## ").append(options.jar().getFileName()).append(", ").append(String.format("%,d", options.clients()))
                .append(" clients\n\n");
        md.append("```\n").append(command).append("\n```\n\n");
        md.append(String.format("%s; %d cores, %s; Java %s. Each flag set ran %d time(s), each on a freshly started "
                        + "server, `java FLAGS -jar %s --port 0%s`; a cell lists every run's figure in order.%n%n",
                LocalDate.now(), Runtime.getRuntime().availableProcessors(), memory(), System.getProperty("java.version"),
                options.runs(), options.jar(), options.serverArgs().isEmpty() ? ""
                        : " " + String.join(" ", options.serverArgs())));
        md.append(String.format("Workload: %,d clients connect over WebSockets (200 at a time); %s.%n%n",
                options.clients(), Workload.of(options).description()));
        md.append("| JVM flags | RSS after join (MiB) | VmHWM after join | heap used / committed after join | threads "
                + "| RSS during workload, min–max | RSS at end | VmHWM at end | live heap after full GC at end "
                + "| connect + join (s) | workload (s) | server CPU (s): workload / whole run | outcome | WARN/ERROR log lines |\n");
        md.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|--:|\n");
        for (List<Measurement> runs : bySet) {
            md.append("| ").append(flags(runs.get(0).flags)).append(" | ")
                    .append(cells(runs, m -> mib(m.joinedKb))).append(" | ")
                    .append(cells(runs, m -> mib(m.joinedHwmKb))).append(" | ")
                    .append(cells(runs, m -> m.joinedHeap == null ? NONE
                            : mib(m.joinedHeap.usedKb()) + " / " + mib(m.joinedHeap.committedKb()))).append(" | ")
                    .append(cells(runs, m -> number(m.threads))).append(" | ")
                    .append(cells(runs, m -> m.during == null ? NONE
                            : mib(m.during.minKb()) + "–" + mib(m.during.maxKb()))).append(" | ")
                    .append(cells(runs, m -> mib(m.endKb))).append(" | ")
                    .append(cells(runs, m -> mib(m.endHwmKb))).append(" | ")
                    .append(cells(runs, m -> m.liveHeap == null ? NONE : mib(m.liveHeap.usedKb()))).append(" | ")
                    .append(cells(runs, m -> seconds(m.connectSeconds))).append(" | ")
                    .append(cells(runs, m -> m.outcome == null ? NONE : seconds(m.outcome.seconds()))).append(" | ")
                    .append(cells(runs, m -> cpu(m.workloadCpuNanos) + " / " + cpu(m.totalCpuNanos))).append(" | ")
                    .append(cells(runs, m -> m.outcome == null ? "failed" : m.outcome.summary())).append(" | ")
                    .append(cells(runs, m -> number(m.logProblems))).append(" |\n");
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

    private static String cells(List<Measurement> runs, Function<Measurement, String> cell) {
        return runs.stream().map(cell).collect(Collectors.joining(" / "));
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
