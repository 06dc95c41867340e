package dev.switchboard.bench.load;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What the receiving clients of one process saw: messages delivered, their latency, polls, and
 * connections the server ended. Many client threads record at once; nothing here blocks them.
 */
public final class Deliveries {

    /** Latencies are recorded in microseconds up to a minute. */
    public static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(1);

    private final Recorder latency = new Recorder(MAX_MICROS, 3);
    private final LongAdder delivered = new LongAdder();
    private final LongAdder pollsWithMessages = new LongAdder();
    private final LongAdder closed = new LongAdder();
    private final LongAccumulator lastNanos = new LongAccumulator(Math::max, 0);

    /** A message stamped at {@code sentNanos} arrived now. */
    void message(long sentNanos) {
        long now = System.nanoTime();
        latency.recordValue(Math.min(MAX_MICROS, Math.max(0, (now - sentNanos) / 1000)));
        delivered.increment();
        lastNanos.accumulate(now);
    }

    /** A long poll answered with at least one message. */
    void pollWithMessages() {
        pollsWithMessages.increment();
    }

    /** The server ended a connection the benchmark still wanted. */
    void closed() {
        closed.increment();
    }

    public long delivered() {
        return delivered.sum();
    }

    /** Starts a new measurement: counts, latencies and the last delivery time go back to zero. */
    public void reset() {
        latency.reset();
        delivered.reset();
        pollsWithMessages.reset();
        closed.reset();
        lastNanos.reset();
    }

    /** The counts and latencies since the last reset, as one line of words. */
    public String snapshot() {
        return delivered.sum() + " " + lastNanos.get() + " " + pollsWithMessages.sum() + " " + closed.sum() + " "
                + encode(latency.getIntervalHistogram());
    }

    /** A histogram in one word: its compressed form in Base64. */
    public static String encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
    }

    /** The histogram {@link #encode} wrote. */
    public static Histogram decode(String word) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(word)), 0);
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("Not a histogram: " + word, e);
        }
    }
}
