package dev.switchboard.bench.jmh;

import dev.switchboard.spi.DefaultHubLifetimeManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One group send of a 100 B string argument through {@link DefaultHubLifetimeManager#sendGroup} to a group of
 * {@code connections} members, on the public SPI only: each member is a {@link NoOpConnection} that takes the
 * message's JSON bytes, written once through {@link dev.switchboard.spi.Serialization#write} (see
 * {@link LatestBytes}). The message must be serialized once whatever the group's size: setup checks that every
 * member got the very same bytes. The figures for 1, 100 and 1,000 members give the fixed cost (building and
 * serializing the message) and the cost per member (the slope: the manager's walk over the group and the hand-off
 * of the shared bytes), which should be a small constant. What a server's connection then does with the bytes,
 * queueing them for its transport, is left out.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class BroadcastBenchmark {

    private static final String GROUP = "room";

    @Param({"1", "100", "1000"})
    int connections;

    private final DefaultHubLifetimeManager lifetime = new DefaultHubLifetimeManager();
    private final LatestBytes bytes = new LatestBytes();
    private final List<NoOpConnection> members = new ArrayList<>();
    /** ASCII that needs no escaping, so its 100 characters are 100 bytes. */
    private final List<String> arguments = List.of("x".repeat(100));

    @Setup
    public void setUp() {
        for (int i = 0; i < connections; i++) {
            NoOpConnection member = new NoOpConnection("c" + i, bytes);
            members.add(member);
            lifetime.onConnected(member);
            lifetime.addToGroup(member.connectionId(), GROUP);
        }
        sendGroup();
        byte[] first = members.get(0).last();
        for (NoOpConnection member : members) {
            if (first == null || member.last() != first) {
                throw new IllegalStateException("The group send was not serialized exactly once");
            }
        }
    }

    @Benchmark
    public CompletableFuture<Void> sendGroup() {
        return lifetime.sendGroup(GROUP, "message", arguments);
    }
}
