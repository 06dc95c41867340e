package dev.switchboard.bench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What Linux's /proc tells about a process: CPU time used and resident memory. */
final class ProcStat {

    /** Linux counts CPU time in /proc in ticks of 1/100 s (USER_HZ). */
    private static final long NANOS_PER_TICK = 10_000_000;

    private ProcStat() {
    }

    /** The CPU time {@code pid} has used so far, user and system, in nanoseconds. */
    static long cpuNanos(long pid) throws IOException {
        String[] fields = statFields(pid);
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
    }

    /** The part of {@link #cpuNanos} spent in the kernel: system calls, and on loopback the peer's TCP receive. */
    static long systemNanos(long pid) throws IOException {
        return Long.parseLong(statFields(pid)[12]) * NANOS_PER_TICK;
    }

    private static String[] statFields(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // The command name in parentheses may hold spaces: count fields after its closing one.
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    /** The resident set size of {@code pid} in bytes. */
    static long rssBytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IOException("No VmRSS for process " + pid);
    }
}
