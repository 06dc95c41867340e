package dev.switchboard;

import static dev.switchboard.testing.RawWebSocket.RS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.switchboard.fixtures.UploadHub;
import dev.switchboard.testing.RawWebSocket;
import java.net.URI;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Uploads on the wire, over a bare WebSocket: overflow, unknown and reused stream ids, and freed ids. */
class UploadProtocolTest {

    private final Injector injector = Guice.createInjector();
    private final UploadHub.Recorder recorder = injector.getInstance(UploadHub.Recorder.class);
    private HubServer server;
    private RawWebSocket client;

    @BeforeEach
    void start() throws Exception {
        server = HubServer.builder().port(0).hub("/uploads", UploadHub.class).injector(injector)
                .options(HubOptions.defaults().withStreamBufferCapacity(3)).build().start();
        client = RawWebSocket.handshaken(URI.create("ws://localhost:" + server.port() + "/uploads"));
    }

    @AfterEach
    void stop() {
        recorder.gate.complete(null);
        client.close();
        server.close();
    }

    private static String upload(String id, String target, String arguments, String... streamIds) {
        return "{\"type\":1,\"invocationId\":\"" + id + "\",\"target\":\"" + target + "\",\"arguments\":" + arguments
                + ",\"streamIds\":[\"" + String.join("\",\"", streamIds) + "\"]}" + RS;
    }

    private static String item(String id, String item) {
        return "{\"type\":2,\"invocationId\":\"" + id + "\",\"item\":" + item + "}" + RS;
    }

    private static String completion(String id) {
        return "{\"type\":3,\"invocationId\":\"" + id + "\"}" + RS;
    }

    private static String result(String id, String result) {
        return "{\"type\":3,\"invocationId\":\"" + id + "\",\"result\":" + result + "}";
    }

    private static String error(String id, String error) {
        return "{\"type\":3,\"invocationId\":\"" + id + "\",\"error\":\"" + error + "\"}";
    }

    @Test
    void aClientOverflowingTheBufferEndsThatUploadOnly() throws Exception {
        client.sendText(upload("1", "sum", "[]", "other") + upload("2", "hold", "[]", "held")
                + item("held", "1") + item("held", "2") + item("held", "3") + item("other", "10"));
        client.sendText(item("held", "4"));
        assertEquals(error("2", "An unexpected error occurred invoking 'hold' on the server. HubException: Stream "
                + "'held' overflowed: more than 3 items from the client were waiting for the hub to read them."),
                client.nextNonPing());
        client.sendText(item("held", "5") + completion("held") + item("other", "20") + completion("other"));
        assertEquals(result("1", "30"), client.nextNonPing(), "the other upload goes on");
        client.sendText("{\"type\":1,\"invocationId\":\"3\",\"target\":\"add\",\"arguments\":[1,2]}" + RS);
        assertEquals(result("3", "3"), client.nextNonPing(), "and so does the connection");
    }

    @Test
    void itemsSentWhileTheInvocationWaitsItsTurnAreKept() throws Exception {
        client.sendText("{\"type\":1,\"invocationId\":\"1\",\"target\":\"waitAtGate\",\"arguments\":[]}" + RS
                + upload("2", "sum", "[]", "s") + item("s", "1") + item("s", "2") + completion("s"));
        client.sendText("{\"type\":1,\"invocationId\":\"3\",\"target\":\"add\",\"arguments\":[1,2]}" + RS);
        recorder.gate.complete(null);
        assertEquals("{\"type\":3,\"invocationId\":\"1\"}", client.nextNonPing());
        // The upload's call no longer holds the queue, so the next call may answer first.
        assertEquals(Set.of(result("2", "3"), result("3", "3")), Set.of(client.nextNonPing(), client.nextNonPing()));
    }

    @Test
    void anIdStillOpenIsRefusedAndFreedOnceTheUploadEnds() throws Exception {
        client.sendText(upload("1", "sum", "[]", "s") + upload("2", "sum", "[]", "s"));
        assertEquals(error("2", "Stream ID 's' is already in use."), client.nextNonPing());
        client.sendText(upload("3", "concat", "[\">\",\"-\"]", "t", "t"));
        assertEquals(error("3", "Stream ID 't' is already in use."), client.nextNonPing());
        client.sendText(item("s", "2") + completion("s"));
        assertEquals(result("1", "2"), client.nextNonPing());
        client.sendText(upload("4", "sum", "[]", "s") + item("s", "5") + completion("s"));
        assertEquals(result("4", "5"), client.nextNonPing());
    }

    @Test
    void anUploadEndsWithItsInvocation() throws Exception {
        client.sendText(upload("1", "ignore", "[]", "s"));
        assertEquals("{\"type\":3,\"invocationId\":\"1\"}", client.nextNonPing());
        client.sendText(item("s", "1") + upload("2", "sum", "[]", "s") + item("s", "7") + completion("s"));
        assertEquals(result("2", "7"), client.nextNonPing(), "the item for the ended upload was ignored");
    }

    @Test
    void aMethodExpectingStreamsRefusesAStreamlessCallOrWrongCount() throws Exception {
        client.sendText("{\"type\":1,\"invocationId\":\"1\",\"target\":\"sum\",\"arguments\":[]}" + RS);
        assertEquals(error("1", "An unexpected error occurred invoking 'sum' on the server. HubException: Client "
                + "sent 0 stream(s), Hub method expects 1."), client.nextNonPing());
        client.sendText("{\"type\":4,\"invocationId\":\"2\",\"target\":\"upper\",\"arguments\":[],"
                + "\"streamIds\":[\"a\",\"b\"]}" + RS);
        assertEquals(error("2", "An unexpected error occurred invoking 'upper' on the server. HubException: Client "
                + "sent 2 stream(s), Hub method expects 1."), client.nextNonPing());
        client.sendText(upload("3", "concat", "[\">\"]", "a", "b"));
        assertEquals(error("3", "Failed to invoke 'concat' due to an error on the server. Invocation provides 1 "
                + "argument(s) but target expects 2."), client.nextNonPing());
        client.sendText(upload("4", "sum", "[]", "a") + item("a", "1") + completion("a"));
        assertEquals(result("4", "1"), client.nextNonPing(), "refused calls leave no upload open");
    }
}
