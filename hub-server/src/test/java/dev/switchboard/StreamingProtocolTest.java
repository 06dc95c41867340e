package dev.switchboard;

import static dev.switchboard.testing.RawWebSocket.RS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.switchboard.fixtures.TestHub;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.RawWebSocket;
import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Streams on the wire, over a bare WebSocket: the records, cancellation, and the errors in .NET's words. */
class StreamingProtocolTest {

    private final Injector injector = Guice.createInjector();
    private final TestHub.Recorder recorder = injector.getInstance(TestHub.Recorder.class);
    private HubServer server;
    private RawWebSocket client;

    @BeforeEach
    void start() throws Exception {
        server = HubServer.builder().port(0).hub("/test", TestHub.class).injector(injector).build().start();
        client = RawWebSocket.handshaken(URI.create("ws://localhost:" + server.port() + "/test"));
    }

    @AfterEach
    void stop() {
        recorder.gate.complete(null);
        client.close();
        server.close();
    }

    private static String streamInvocation(String id, String target, String arguments) {
        return "{\"type\":4,\"invocationId\":\"" + id + "\",\"target\":\"" + target + "\",\"arguments\":" + arguments
                + "}" + RS;
    }

    private static String invocation(String id, String target, String arguments) {
        return "{\"type\":1,\"invocationId\":\"" + id + "\",\"target\":\"" + target + "\",\"arguments\":" + arguments
                + "}" + RS;
    }

    private static String cancel(String id) {
        return "{\"type\":5,\"invocationId\":\"" + id + "\"}" + RS;
    }

    private static String item(String id, String item) {
        return "{\"type\":2,\"invocationId\":\"" + id + "\",\"item\":" + item + "}";
    }

    private static String completion(String id) {
        return "{\"type\":3,\"invocationId\":\"" + id + "\"}";
    }

    private static String error(String id, String error) {
        return "{\"type\":3,\"invocationId\":\"" + id + "\",\"error\":\"" + error + "\"}";
    }

    @Test
    void aStreamInvocationIsAnsweredWithItemsThenACompletionWithoutResult() throws Exception {
        client.sendText(streamInvocation("1", "Counter", "[3,0]"));
        assertEquals(item("1", "0"), client.nextNonPing());
        assertEquals(item("1", "1"), client.nextNonPing());
        assertEquals(item("1", "2"), client.nextNonPing());
        assertEquals(completion("1"), client.nextNonPing());
        client.sendText(streamInvocation("1", "pointStream", "[1]"));
        assertEquals(item("1", "{\"x\":0,\"y\":0}"), client.nextNonPing(), "a completed stream's id is free");
        assertEquals(completion("1"), client.nextNonPing());
    }

    @Test
    void aCancelledStreamCompletesWithoutErrorAndItsIdIsFreeAgain() throws Exception {
        client.sendText(streamInvocation("1", "gatedStream", "[]"));
        assertEquals(item("1", "0"), client.nextNonPing());
        client.sendText(cancel("1"));
        assertEquals(completion("1"), client.nextNonPing());
        assertEquals("gatedStream", Await.next(recorder.cancelled, "the publisher to be cancelled"));
        client.sendText(streamInvocation("1", "counter", "[1,0]"));
        assertEquals(item("1", "0"), client.nextNonPing());
        assertEquals(completion("1"), client.nextNonPing());
    }

    @Test
    void invocationModeMismatchesAndUnknownMethodsGetDotNetsErrors() throws Exception {
        client.sendText(invocation("1", "counter", "[1,0]"));
        assertEquals(error("1", "The client attempted to invoke the streaming 'counter' method with a "
                + "non-streaming invocation."), client.nextNonPing());
        client.sendText(streamInvocation("2", "add", "[1,2]"));
        assertEquals(error("2", "The client attempted to invoke the non-streaming 'add' method with a streaming "
                + "invocation."), client.nextNonPing());
        client.sendText(streamInvocation("3", "nope", "[]"));
        assertEquals(error("3", "Unknown hub method 'nope'"), client.nextNonPing());
        client.sendText("{\"type\":4,\"invocationId\":\"4\",\"target\":\"counter\",\"arguments\":[1,0],"
                + "\"streamIds\":[\"9\"]}" + RS);
        assertEquals(error("4", "An unexpected error occurred invoking 'counter' on the server. HubException: "
                + "Client sent 1 stream(s), Hub method expects 0."), client.nextNonPing());
        client.sendText(streamInvocation("5", "counter", "[\"one\",0]"));
        assertEquals(error("5", "Failed to invoke 'counter' due to an error on the server. Argument 1 is not a "
                + "valid int."), client.nextNonPing());
    }

    @Test
    void aFireAndForgetCallOfAStreamingMethodGetsNoAnswer() throws Exception {
        client.sendText("{\"type\":1,\"target\":\"counter\",\"arguments\":[3,0]}" + RS
                + invocation("1", "add", "[1,1]"));
        assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":2}", client.nextNonPing());
        assertEquals(0, recorder.streamed.get());
    }

    @Test
    void failuresEndTheStreamWithAnErrorCompletion() throws Exception {
        client.sendText(streamInvocation("1", "streamThenFail", "[1,\"gone\"]"));
        assertEquals(item("1", "0"), client.nextNonPing());
        assertEquals(error("1", "An error occurred on the server while streaming results. HubException: gone"),
                client.nextNonPing());
        client.sendText(streamInvocation("1", "crashBeforeStreaming", "[]"));
        assertEquals(error("1", "An unexpected error occurred invoking 'crashBeforeStreaming' on the server."),
                client.nextNonPing(), "a failed stream's id is free");
        client.sendText(streamInvocation("1", "nullStream", "[]"));
        assertEquals(error("1", "An unexpected error occurred invoking 'nullStream' on the server."),
                client.nextNonPing());
    }

}
