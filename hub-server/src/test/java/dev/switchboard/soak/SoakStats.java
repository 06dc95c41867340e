package dev.switchboard.soak;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/** The load's counts, printed by {@link ChurnLoad} as one line of {@code key=value} pairs for the test to read. */
final class SoakStats {

    static final String PREFIX = "SOAK-RESULT ";

    final LongAdder webSockets = new LongAdder();
    final LongAdder eventStreams = new LongAdder();
    final LongAdder longPolling = new LongAdder();
    final LongAdder clean = new LongAdder();
    final LongAdder aborted = new LongAdder();
    final LongAdder midInvocation = new LongAdder();
    final LongAdder midStream = new LongAdder();
    final LongAdder joinedAndVanished = new LongAdder();
    final LongAdder failedConnections = new LongAdder();
    final LongAdder invocations = new LongAdder();
    final LongAdder failedInvocations = new LongAdder();
    final LongAdder messages = new LongAdder();
    private final Queue<String> failures = new ConcurrentLinkedQueue<>();

    /** Keeps the first few failures' reasons for the report. */
    void failure(String reason) {
        if (failures.size() < 5) {
            failures.add(reason.replaceAll("\\s+", "_"));
        }
    }

    String line(long millis) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("millis", millis);
        values.put("webSockets", webSockets.sum());
        values.put("eventStreams", eventStreams.sum());
        values.put("longPolling", longPolling.sum());
        values.put("clean", clean.sum());
        values.put("aborted", aborted.sum());
        values.put("midInvocation", midInvocation.sum());
        values.put("midStream", midStream.sum());
        values.put("joinedAndVanished", joinedAndVanished.sum());
        values.put("failedConnections", failedConnections.sum());
        values.put("invocations", invocations.sum());
        values.put("failedInvocations", failedInvocations.sum());
        values.put("messages", messages.sum());
        values.put("failures", String.join("|", failures));
        StringBuilder line = new StringBuilder(PREFIX);
        values.forEach((key, value) -> line.append(key).append('=').append(value).append(' '));
        return line.toString().trim();
    }
}
