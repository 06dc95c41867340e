package dev.switchboard.internal.bench;

import dev.switchboard.internal.connection.HubConnectionContext;
import dev.switchboard.internal.connection.Uploads;
import dev.switchboard.internal.protocol.InputBuffer;
import dev.switchboard.internal.protocol.InvocationMessage;
import dev.switchboard.internal.protocol.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One client call of {@code echo("hello")} on {@link MicroHub}, answered by a Completion carrying the
 * result:
 * <ul>
 * <li>{@code invoke}: {@code HubDispatcher.onInvocation} with an already parsed Invocation, which finds the
 *     method, binds the argument, creates the hub through Guice, calls it, writes the Completion and queues
 *     it on the connection;</li>
 * <li>{@code receive}: the whole inbound path from the WebSocket message's bytes, through
 *     {@code HubConnectionContext.receive}'s parse and its per-connection invocation queue, to the same dispatch.</li>
 * </ul>
 * The hub work runs inline (see {@link InProcessHub}), so the real server adds a thread hand-off per call.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class DispatchBenchmark {

    private static final String EXPECTED_REPLY = "{\"type\":3,\"invocationId\":\"1\",\"result\":\"hello\"}\u001e";

    private final InProcessHub hub = new InProcessHub();
    private final NoOpSender sender = new NoOpSender();
    private HubConnectionContext connection;
    private InvocationMessage invocation;
    private ByteBuffer record;

    @Setup
    public void setUp() throws ProtocolException {
        connection = hub.connect("c", sender);
        byte[] bytes = "{\"type\":1,\"invocationId\":\"1\",\"target\":\"echo\",\"arguments\":[\"hello\"]}\u001e"
                .getBytes(StandardCharsets.UTF_8);
        record = ByteBuffer.wrap(bytes);
        InputBuffer input = new InputBuffer();
        input.append(bytes, 0, bytes.length);
        List<Object> parsed = new ArrayList<>();
        hub.protocol.parseMessages(input, Integer.MAX_VALUE, parsed::add);
        invocation = (InvocationMessage) parsed.get(0);
        invoke();
        checkReply();
        receive();
        checkReply();
    }

    private void checkReply() {
        String reply = sender.last().text();
        if (!reply.equals(EXPECTED_REPLY)) {
            throw new IllegalStateException("Unexpected reply " + reply);
        }
    }

    @Benchmark
    public CompletionStage<Void> invoke() {
        return hub.dispatcher.onInvocation(connection, invocation, Uploads.NONE);
    }

    @Benchmark
    public void receive() {
        connection.receive(record.rewind());
    }
}
