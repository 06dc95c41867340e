package dev.switchboard.bench.footprint;

import dev.switchboard.bench.run.ServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Reads a server's VmRSS every {@value #EVERY_MILLIS} ms while a workload runs, keeping the least and the
 * most: a collection or a burst of buffers shows as a peak that readings before and after would miss.
 */
final class RssSampler implements AutoCloseable {

    private static final long EVERY_MILLIS = 50;

    private final ServerProcess server;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "rss-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private long minKb = Long.MAX_VALUE;
    private long maxKb;
    private IOException failure;

    RssSampler(ServerProcess server) throws IOException {
        this.server = server;
        sample();
        timer.scheduleAtFixedRate(this::sampleQuietly, EVERY_MILLIS, EVERY_MILLIS, TimeUnit.MILLISECONDS);
    }

    private synchronized void sample() throws IOException {
        long rss = server.status("VmRSS");
        minKb = Math.min(minKb, rss);
        maxKb = Math.max(maxKb, rss);
    }

    private synchronized void sampleQuietly() {
        try {
            sample();
        } catch (IOException e) {
            // The server ended: the workload fails on its own, and the range ends here.
            failure = e;
            throw new UncheckedIOException(e);
        }
    }

    /** Stops sampling after a last reading and returns the range, in kB. */
    synchronized Range stop() throws IOException {
        timer.shutdownNow();
        if (failure == null) {
            sample();
        }
        return new Range(minKb, maxKb);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** The least and most VmRSS seen, in kB. */
    record Range(long minKb, long maxKb) {
    }
}
