package dev.switchboard.internal.bench;

import dev.switchboard.internal.protocol.CompletionMessage;
import dev.switchboard.internal.protocol.HubProtocol;
import dev.switchboard.internal.protocol.HubProtocols;
import dev.switchboard.internal.protocol.InvocationMessage;
import dev.switchboard.internal.protocol.JsonHubProtocol;
import dev.switchboard.internal.protocol.JsonMappers;
import dev.switchboard.internal.protocol.MessagePackHubProtocol;
import dev.switchboard.internal.protocol.Payload;
import java.util.List;
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
 * Writing what the server sends: {@link HubProtocol#write}, in JSON and in MessagePack, of an Invocation to a client with one string
 * argument of 100 B or 1 KiB, and of the Completion that answers an invocation with a short result. The
 * messages are built once, so only serialization into a record is measured; each write produces a new
 * {@link Payload}, since every unicast and every broadcast is serialized anew.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class WriteBenchmark {

    @Param({JsonHubProtocol.NAME, MessagePackHubProtocol.NAME})
    private String protocolName;
    private HubProtocol protocol;
    private final InvocationMessage invocation100B = InvocationMessage.nonBlocking("message", List.of(text(100)));
    private final InvocationMessage invocation1KiB = InvocationMessage.nonBlocking("message", List.of(text(1024)));
    private final CompletionMessage completion = CompletionMessage.withResult("1", "hello");

    @Setup
    public void protocol() {
        protocol = HubProtocols.of(List.of(protocolName), JsonMappers.signalR()).get(protocolName);
    }

    /** ASCII text that needs no escaping, so its length in characters is its size in bytes. */
    private static String text(int bytes) {
        return "x".repeat(bytes);
    }

    @Benchmark
    public Payload invocation100B() {
        return protocol.write(invocation100B);
    }

    @Benchmark
    public Payload invocation1KiB() {
        return protocol.write(invocation1KiB);
    }

    @Benchmark
    public Payload completion() {
        return protocol.write(completion);
    }
}
