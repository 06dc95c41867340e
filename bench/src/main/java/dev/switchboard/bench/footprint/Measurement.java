package dev.switchboard.bench.footprint;

import dev.switchboard.bench.run.CpuTime;
import dev.switchboard.bench.run.ServerProcess;
import dev.switchboard.bench.run.Workers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One run of one flag set on a freshly started server: its memory once every client has joined, during the
 * workload and after it, and its CPU time. A run that fails keeps what it measured before, and why.
 * Figures not measured stay -1 (or null).
 */
final class Measurement {

    final List<String> flags;
    final int run;
    long joinedKb = -1;
    long joinedHwmKb = -1;
    long threads = -1;
    Heap joinedHeap;
    double connectSeconds = -1;
    RssSampler.Range during;
    Workload.Outcome outcome;
    long workloadCpuNanos = -1;
    long endKb = -1;
    long endHwmKb = -1;
    /** From the server's start to the workload's end, before the final collection the tool asks for. */
    long totalCpuNanos = -1;
    Heap liveHeap;
    /** Lines of the server's log at WARN or ERROR, or naming an OutOfMemoryError. */
    long logProblems = -1;
    String failure;

    private Measurement(List<String> flags, int run) {
        this.flags = flags;
        this.run = run;
    }

    /** Starts the sample with flag set {@code set} (from 1), measures it under the workload, and stops it. */
    static Measurement run(FootprintOptions options, int set, int run, Path benchJar, Path logs) {
        List<String> flags = options.flagSets().get(set - 1);
        Measurement m = new Measurement(flags, run);
        Path log = logs.resolve(String.format("%s-set%d-run%d.log", options.sample(), set, run));
        try (ServerProcess server = ServerProcess.sample(options.jar(), flags, options.serverArgs(), log);
             Workers workers = new Workers(benchJar, options.clients(), logs);
             Workload workload = Workload.of(options)) {
            m.measure(server, workers, workload, log);
        } catch (Exception e) {
            m.failure = String.valueOf(e.getMessage());
        }
        try {
            m.logProblems = problems(log);
        } catch (IOException e) {
            m.failure = m.failure == null ? "Cannot read " + log + ": " + e.getMessage() : m.failure;
        }
        return m;
    }

    private void measure(ServerProcess server, Workers workers, Workload workload, Path log) throws Exception {
        long start = System.nanoTime();
        workload.connect(server, workers);
        connectSeconds = (System.nanoTime() - start) / 1e9;
        joinedKb = server.status("VmRSS");
        joinedHwmKb = server.status("VmHWM");
        threads = server.status("Threads");
        joinedHeap = Heap.of(server.pid());
        nativeMemory(server, log, "joined");
        CpuTime before = server.cpuTime();
        try (RssSampler sampler = new RssSampler(server)) {
            outcome = workload.run(workers);
            during = sampler.stop();
        }
        CpuTime after = server.cpuTime();
        workloadCpuNanos = after.since(before).totalNanos();
        totalCpuNanos = after.totalNanos();
        endKb = server.status("VmRSS");
        endHwmKb = server.status("VmHWM");
        nativeMemory(server, log, "end");
        liveHeap = Heap.afterFullGc(server.pid());
        if (!outcome.complete()) {
            failure = outcome.summary();
        }
    }

    /**
     * With {@code -XX:NativeMemoryTracking=summary} among the flags, where the memory goes (heap, threads,
     * code, metaspace, buffers) is saved beside the server's log as {@code <log>-<when>-nmt.txt}.
     */
    private void nativeMemory(ServerProcess server, Path log, String when) throws IOException, InterruptedException {
        if (flags.stream().anyMatch(flag -> flag.startsWith("-XX:NativeMemoryTracking="))) {
            Files.writeString(log.resolveSibling(log.getFileName().toString().replace(".log", "-" + when + "-nmt.txt")),
                    Heap.jcmd(server.pid(), "VM.native_memory summary"));
        }
    }

    private static long problems(Path log) throws IOException {
        if (!Files.exists(log)) {
            return 0;
        }
        // Latin-1 reads any byte: a client's odd nickname in the log must not stop the count.
        try (var lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            return lines.filter(line -> line.contains(" WARN ") || line.contains(" ERROR ")
                    || line.contains("OutOfMemoryError")).count();
        }
    }

    boolean succeeded() {
        return failure == null;
    }
}
