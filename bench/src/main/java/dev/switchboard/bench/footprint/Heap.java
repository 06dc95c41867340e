package dev.switchboard.bench.footprint;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM's Java heap as {@code jcmd PID GC.heap_info} tells it, in kB: used and committed, summed over its
 * generations. jcmd answers the same way whatever flags the server runs with, where jstat needs its
 * performance counters.
 */
record Heap(long usedKb, long committedKb) {

    /** G1's one line, or Serial's and Parallel's young and old generation lines. */
    private static final Pattern GENERATION = Pattern.compile("total (\\d+)K, used (\\d+)K");
    /** ZGC's form. */
    private static final Pattern Z_HEAP = Pattern.compile("used (\\d+)M, capacity (\\d+)M");
    private static final long JCMD_LIMIT_SECONDS = 60;

    /** The heap of process {@code pid} now. */
    static Heap of(long pid) throws IOException, InterruptedException {
        String info = jcmd(pid, "GC.heap_info");
        long used = 0;
        long committed = 0;
        boolean found = false;
        for (Matcher m = GENERATION.matcher(info); m.find(); found = true) {
            committed += Long.parseLong(m.group(1));
            used += Long.parseLong(m.group(2));
        }
        for (Matcher m = Z_HEAP.matcher(info); !found && m.find(); found = true) {
            used += Long.parseLong(m.group(1)) * 1024;
            committed += Long.parseLong(m.group(2)) * 1024;
        }
        if (!found) {
            throw new IOException("jcmd GC.heap_info gave no heap figures: " + info);
        }
        return new Heap(used, committed);
    }

    /** The heap of process {@code pid} after a full collection: what its live objects need. */
    static Heap afterFullGc(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        return of(pid);
    }

    /** What {@code jcmd PID COMMAND} prints. */
    static String jcmd(long pid, String command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd")
                .toString(), Long.toString(pid), command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(JCMD_LIMIT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("jcmd " + command + " did not end within " + JCMD_LIMIT_SECONDS + " s");
        }
        String text = new String(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException("jcmd " + command + " failed: " + text.strip());
        }
        return text;
    }
}
