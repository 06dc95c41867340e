package dev.switchboard.soak;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** This JVM's heap in use after a full collection, and its live threads. */
public record HeapAndThreads(long heapBytes, int threads) {

    /** Readings of the heap after collection that differ by no more than this are taken to agree. */
    private static final long AGREEMENT = 64 * 1024;
    private static final int MOST_COLLECTIONS = 20;

    static HeapAndThreads now() {
        return new HeapAndThreads(heapAfterGc(), ManagementFactory.getThreadMXBean().getThreadCount());
    }

    /**
     * Collects until two readings in a row agree: one collection may leave what finalization or reference
     * processing frees only for the next.
     */
    public static long heapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long last = Long.MAX_VALUE;
        for (int i = 0; i < MOST_COLLECTIONS; i++) {
            System.gc();
            long used = memory.getHeapMemoryUsage().getUsed();
            if (Math.abs(used - last) <= AGREEMENT) {
                return used;
            }
            last = used;
        }
        return last;
    }
}
