package dev.switchboard.internal.bench;

import dev.switchboard.internal.protocol.HubMessage;
import dev.switchboard.internal.protocol.InputBuffer;
import dev.switchboard.internal.protocol.JsonHubProtocol;
import dev.switchboard.internal.protocol.JsonMappers;
import dev.switchboard.internal.protocol.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
 * Parsing what a client sends: one WebSocket message holding {@code records} Invocation records, appended
 * to a connection's {@link InputBuffer} and parsed by {@link JsonHubProtocol} into messages, as
 * {@code HubConnectionContext.receive} does. Covers the record search, Jackson's tree parse and the building of
 * {@code InvocationMessage}s; a batch shows what each further record in the same message costs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class ParseBenchmark {

    private static final int MAX_MESSAGE_SIZE = 32 * 1024;

    @Param({"1", "10"})
    int records;

    private final JsonHubProtocol protocol = new JsonHubProtocol(JsonMappers.signalR());
    /** One buffer for the whole run, as a connection keeps one: it is emptied, never reallocated. */
    private final InputBuffer input = new InputBuffer();
    private final List<HubMessage> parsed = new ArrayList<>();
    private byte[] message;

    @Setup
    public void setUp() throws ProtocolException {
        StringBuilder batch = new StringBuilder();
        for (int i = 1; i <= records; i++) {
            batch.append("{\"type\":1,\"invocationId\":\"").append(i)
                    .append("\",\"target\":\"send\",\"arguments\":[\"hello\"]}\u001e");
        }
        message = batch.toString().getBytes(StandardCharsets.UTF_8);
        if (parse().size() != records) {
            throw new IllegalStateException("Expected " + records + " messages, parsed " + parsed);
        }
    }

    @Benchmark
    public List<HubMessage> parse() throws ProtocolException {
        parsed.clear();
        input.append(message, 0, message.length);
        protocol.parseMessages(input, MAX_MESSAGE_SIZE, parsed::add);
        return parsed;
    }
}
