package dev.switchboard;

import static dev.switchboard.testing.RawWebSocket.RS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.switchboard.fixtures.ParallelHub;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.RawWebSocket;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * On the wire, over a bare WebSocket: the Completions of parallel calls in the order the calls finish, and a
 * stream cancelled before its turn, whose method runs and whose only answer is the Completion SignalR sends for a
 * cancelled stream.
 */
class ParallelInvocationProtocolTest {

    private final Injector injector = Guice.createInjector();
    private final ParallelHub.Recorder recorder = injector.getInstance(ParallelHub.Recorder.class);
    private HubServer server;

    private RawWebSocket connect(int parallel) throws Exception {
        server = HubServer.builder().port(0).hub("/parallel", ParallelHub.class).injector(injector)
                .options(HubOptions.defaults().withMaximumParallelInvocationsPerClient(parallel)).build().start();
        return RawWebSocket.handshaken(URI.create("ws://localhost:" + server.port() + "/parallel"));
    }

    @AfterEach
    void stop() {
        List.of("A", "B").forEach(recorder::release);
        server.close();
    }

    private static String invocation(String id, String target, String arguments) {
        return "{\"type\":1,\"invocationId\":\"" + id + "\",\"target\":\"" + target + "\",\"arguments\":" + arguments
                + "}" + RS;
    }

    private static String result(String id, String result) {
        return "{\"type\":3,\"invocationId\":\"" + id + "\",\"result\":" + result + "}";
    }

    @Test
    void parallelCallsAnswerInTheOrderTheyFinish() throws Exception {
        try (RawWebSocket client = connect(2)) {
            client.sendText(invocation("1", "hold", "[\"A\"]") + invocation("2", "hold", "[\"B\"]"));
            Await.next(recorder.started, "a first call to start");
            Await.next(recorder.started, "a second call to start beside it");
            recorder.release("B");
            assertEquals(result("2", "\"B\""), client.nextNonPing());
            recorder.release("A");
            assertEquals(result("1", "\"A\""), client.nextNonPing());
        }
    }

    @Test
    void aCallAwaitingAClientResultGivesUpItsPlaceAsInAspNetCore() throws Exception {
        try (RawWebSocket client = connect(1)) {
            client.sendText(invocation("1", "askCaller", "[]"));
            assertEquals("{\"type\":1,\"invocationId\":\"s1\",\"target\":\"question\",\"arguments\":[]}",
                    client.nextNonPing());
            // Its one place is free while call 1 waits for the answer: a blocking call runs and answers first.
            client.sendText(invocation("2", "meet", "[1]"));
            assertEquals(result("2", "1"), client.nextNonPing());
            client.sendText("{\"type\":3,\"invocationId\":\"s1\",\"result\":\"yes\"}" + RS);
            assertEquals(result("1", "\"yes\""), client.nextNonPing());
        }
    }

    @Test
    void aStreamCancelledBeforeItsTurnRunsItsMethodAndAnswersOnlyWithAnEmptyCompletion() throws Exception {
        try (RawWebSocket client = connect(1)) {
            // All in one frame: the upload's item, which lets call 1 return, comes after the cancel of stream 2.
            client.sendText("{\"type\":1,\"invocationId\":\"1\",\"target\":\"holdUntilItem\",\"arguments\":[],"
                    + "\"streamIds\":[\"u\"]}" + RS
                    + "{\"type\":4,\"invocationId\":\"2\",\"target\":\"watchedStream\",\"arguments\":[]}" + RS
                    + "{\"type\":5,\"invocationId\":\"2\"}" + RS
                    + "{\"type\":2,\"invocationId\":\"u\",\"item\":\"go\"}" + RS
                    + "{\"type\":3,\"invocationId\":\"u\"}" + RS
                    + invocation("3", "meet", "[1]"));
            assertEquals(result("1", "\"go\""), client.nextNonPing());
            assertEquals("{\"type\":3,\"invocationId\":\"2\"}", client.nextNonPing(), "no item, no error");
            assertEquals(result("3", "1"), client.nextNonPing());
            assertEquals("watchedStream", Await.next(recorder.streamsRun, "the stream's method to run"));
            assertEquals("watchedStream", Await.next(recorder.cancelled, "its publisher to be cancelled"));
        }
    }
}
