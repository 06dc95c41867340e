package dev.switchboard.bench.jmh;

import dev.switchboard.internal.protocol.Payload;
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
 * One group send of a 100 B string argument through {@code DefaultHubLifetimeManager.sendGroup} to a group
 * of {@code connections} connected clients, each queueing it on its outgoing queue and handing it to its
 * transport. The message must be serialized once whatever the group's size: setup checks that every
 * connection got the very same {@link Payload}, and the figures for 1, 100 and 1,000 members give the fixed
 * cost (serialization) and the cost per member (the slope), which should be a small constant.
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

    private final InProcessHub hub = new InProcessHub();
    private final List<NoOpSender> senders = new ArrayList<>();
    private final List<String> arguments = List.of(WriteBenchmark.text(100));

    @Setup
    public void setUp() {
        for (int i = 0; i < connections; i++) {
            String id = "c" + i;
            NoOpSender sender = new NoOpSender();
            senders.add(sender);
            hub.connect(id, sender);
            hub.lifetime.addToGroup(id, GROUP);
        }
        sendGroup();
        Payload first = senders.get(0).last();
        for (NoOpSender sender : senders) {
            if (sender.last() != first) {
                throw new IllegalStateException("The group send was serialized more than once");
            }
        }
    }

    @Benchmark
    public CompletableFuture<Void> sendGroup() {
        return hub.lifetime.sendGroup(GROUP, "message", arguments);
    }
}
