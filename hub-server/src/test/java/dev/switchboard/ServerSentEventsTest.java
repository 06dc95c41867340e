package dev.switchboard;

import static dev.switchboard.RawWebSocket.JSON_HANDSHAKE;
import static dev.switchboard.RawWebSocket.RS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.inject.Guice;
import com.google.inject.Injector;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Server-Sent Events: the stream's headers and framing, sends by POST, keep-alive, and its end. */
class ServerSentEventsTest {

    private TestHub.Recorder recorder;
    private HubServer server;
    private RawHttp raw;

    @BeforeEach
    void start() throws Exception {
        Injector injector = Guice.createInjector();
        recorder = injector.getInstance(TestHub.Recorder.class);
        server = HubServer.builder().port(0).hub("/test", TestHub.class).injector(injector)
                .options(HubOptions.defaults().withKeepAliveInterval(Duration.ofMillis(200))).build().start();
        raw = new RawHttp(server.port(), "/test");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String url(String token) {
        return "http://localhost:" + server.port() + "/test?id=" + token;
    }

    @Test
    void eventsCarryTheRecordsSentAndPostsCarryTheClients() throws Exception {
        String token = raw.negotiate();
        try (EventStream stream = EventStream.open(url(token))) {
            assertEquals(200, stream.response.statusCode());
            assertEquals("text/event-stream", stream.response.headers().firstValue("Content-Type").orElseThrow());
            assertEquals("no-cache, no-store", stream.response.headers().firstValue("Cache-Control").orElseThrow());
            assertEquals(":", Await.next(stream.comments, "the first comment"));
            assertEquals(200, raw.post(token, JSON_HANDSHAKE).statusCode());
            assertEquals("{}", stream.next());
            raw.post(token, "{\"type\":1,\"invocationId\":\"1\",\"target\":\"echo\",\"arguments\":[\"line\\none\"]}"
                    + RS);
            assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":\"line\\none\"}", stream.nextNonPing());
        }
    }

    @Test
    void hubStreamsArriveAsEvents() throws Exception {
        String token = raw.negotiate();
        try (EventStream stream = EventStream.open(url(token))) {
            raw.post(token, JSON_HANDSHAKE);
            assertEquals("{}", stream.next());
            raw.post(token, "{\"type\":4,\"invocationId\":\"1\",\"target\":\"counter\",\"arguments\":[3,0]}" + RS);
            for (int item = 0; item < 3; item++) {
                assertEquals("{\"type\":2,\"invocationId\":\"1\",\"item\":" + item + "}", stream.nextNonPing());
            }
            assertEquals("{\"type\":3,\"invocationId\":\"1\"}", stream.nextNonPing());
        }
    }

    @Test
    void idleStreamsGetPings() throws Exception {
        String token = raw.negotiate();
        try (EventStream stream = EventStream.open(url(token))) {
            raw.post(token, JSON_HANDSHAKE);
            assertEquals("{}", stream.next());
            assertEquals("{\"type\":6}", stream.next());
        }
    }

    @Test
    void closingTheStreamEndsTheConnection() throws Exception {
        String token = raw.negotiate();
        EventStream stream = EventStream.open(url(token));
        raw.post(token, JSON_HANDSHAKE);
        assertEquals("{}", stream.next());
        Await.next(recorder.connected, "onConnected");
        stream.close();
        Await.next(recorder.disconnected, "onDisconnected");
        assertEquals(404, raw.post(token, "{\"type\":6}" + RS).statusCode());
    }
}
