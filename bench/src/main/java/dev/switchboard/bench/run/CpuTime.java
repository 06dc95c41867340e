package dev.switchboard.bench.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time a process has used so far, from Linux's {@code /proc/PID/stat}, in nanoseconds.
 *
 * @param systemNanos the part spent in the kernel: system calls, and on loopback the peer's TCP receive
 */
public record CpuTime(long userNanos, long systemNanos) {

    /** Linux counts CPU time in /proc in ticks of 1/100 s (USER_HZ). */
    private static final long NANOS_PER_TICK = 10_000_000;

    /** The CPU time {@code pid} has used so far, user and system read together. */
    public static CpuTime of(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // The command name in parentheses may hold spaces: count fields after its closing one.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new CpuTime(Long.parseLong(fields[11]) * NANOS_PER_TICK, Long.parseLong(fields[12]) * NANOS_PER_TICK);
    }

    public long totalNanos() {
        return userNanos + systemNanos;
    }

    /** This and {@code other} together: the CPU time of several processes. */
    public CpuTime plus(CpuTime other) {
        return new CpuTime(userNanos + other.userNanos, systemNanos + other.systemNanos);
    }

    /** What was used between {@code earlier} and this reading. */
    public CpuTime since(CpuTime earlier) {
        return new CpuTime(userNanos - earlier.userNanos, systemNanos - earlier.systemNanos);
    }
}
