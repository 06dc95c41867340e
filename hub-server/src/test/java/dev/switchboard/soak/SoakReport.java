package dev.switchboard.soak;

import dev.switchboard.HubServer;
import dev.switchboard.spi.DefaultHubLifetimeManager;
import java.util.Locale;
import java.util.Map;

/** The soak's figures as one block of text: baseline, after, deltas, totals and rates. */
final class SoakReport {

    private SoakReport() {
    }

    static String of(int seconds, int clients, long seed, HeapAndThreads baseline, HeapAndThreads after,
                     DefaultHubLifetimeManager.Sizes sizes, HubServer server, Map<String, String> load,
                     long connections, SoakHub.Tally tally, long heapMargin, int threadMargin) {
        double elapsed = ChurnSoakTest.count(load, "millis") / 1000.0;
        StringBuilder text = new StringBuilder();
        line(text, "Churn soak: %d s, %d concurrent clients, seed %d (load ran %.1f s)", seconds, clients, seed,
                elapsed);
        line(text, "%-24s %14s %14s %14s %s", "", "baseline", "after", "delta", "allowed");
        line(text, "%-24s %,14d %,14d %+,14d %s", "heap after GC (bytes)", baseline.heapBytes(), after.heapBytes(),
                after.heapBytes() - baseline.heapBytes(), String.format(Locale.ROOT, "+%,d", heapMargin));
        line(text, "%-24s %,14d %,14d %+,14d %s", "live threads", baseline.threads(), after.threads(),
                after.threads() - baseline.threads(), "+" + threadMargin);
        line(text, "%-24s %14d %14d %14s %s", "connections (server)", 0, server.connectionCount(), "", "0");
        line(text, "%-24s %14d %14d %14s %s", "connections (lifetime)", 0, sizes.connections(), "", "0");
        line(text, "%-24s %14d %14d %14s %s", "groups", 0, sizes.groups(), "", "0");
        line(text, "%-24s %14d %14d %14s %s", "users", 0, sizes.users(), "", "0");
        line(text, "connections: %,d (WebSockets %,d, SSE %,d, long polling %,d), %,.0f/s", connections,
                count(load, "webSockets"), count(load, "eventStreams"), count(load, "longPolling"),
                connections / elapsed);
        line(text, "endings: clean %,d, aborted %,d, mid-invocation %,d, mid-stream %,d, joined a group and "
                        + "vanished %,d", count(load, "clean"), count(load, "aborted"), count(load, "midInvocation"),
                count(load, "midStream"), count(load, "joinedAndVanished"));
        line(text, "invocations meant to succeed: %,d, %,.0f/s; failed: %,d; failed connection steps: %,d",
                count(load, "invocations"), count(load, "invocations") / elapsed, count(load, "failedInvocations"),
                count(load, "failedConnections"));
        line(text, "messages received by clients: %,d, %,.0f/s", count(load, "messages"),
                count(load, "messages") / elapsed);
        line(text, "hub: onConnected %,d, onDisconnected %,d; streams opened %,d, closed %,d", tally.connected.sum(),
                tally.disconnected.sum(), tally.streamsOpened.sum(), tally.streamsClosed.sum());
        String failures = load.getOrDefault("failures", "");
        if (!failures.isEmpty()) {
            line(text, "first failures: %s", failures);
        }
        return text.toString();
    }

    private static long count(Map<String, String> load, String key) {
        return ChurnSoakTest.count(load, key);
    }

    private static void line(StringBuilder text, String format, Object... values) {
        text.append(String.format(Locale.ROOT, format, values)).append('\n');
    }
}
