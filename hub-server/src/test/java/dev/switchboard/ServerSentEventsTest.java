package dev.switchboard;

import static dev.switchboard.testing.RawWebSocket.JSON_HANDSHAKE;
import static dev.switchboard.testing.RawWebSocket.RS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.switchboard.fixtures.TestHub;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.EventStream;
import dev.switchboard.testing.RawHttp;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Server-Sent Events: the stream's headers and framing, sends by POST, keep-alive, and its end. */
class ServerSentEventsTest {

    private TestHub.Recorder recorder;
    private HubServer server;
    private RawHttp raw;

    /** Default options: the ends of streams must be seen without the keep-alive's write or the client timeout. */
    @BeforeEach
    void start() throws Exception {
        start(HubOptions.defaults());
    }

    private void start(HubOptions options) throws Exception {
        Injector injector = Guice.createInjector();
        recorder = injector.getInstance(TestHub.Recorder.class);
        server = HubServer.builder().port(0).hub("/test", TestHub.class).injector(injector).options(options).build()
                .start();
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
        server.close();
        start(HubOptions.defaults().withKeepAliveInterval(Duration.ofMillis(200)));
        String token = raw.negotiate();
        try (EventStream stream = EventStream.open(url(token))) {
            raw.post(token, JSON_HANDSHAKE);
            assertEquals("{}", stream.next());
            assertEquals("{\"type\":6}", stream.next());
        }
    }

    /** Within Await's 10 s, far below the 30 s of the client timeout or the 15 s of the keep-alive's write. */
    @Test
    void closingTheStreamEndsTheConnection() throws Exception {
        String token = raw.negotiate();
        EventStream stream = EventStream.open(url(token));
        raw.post(token, JSON_HANDSHAKE);
        assertEquals("{}", stream.next());
        Await.next(recorder.connected, "onConnected");
        stream.close();
        Await.next(recorder.disconnected, "onDisconnected");
        Await.until(() -> server.connectionCount() == 0, "the connection is let go");
        assertEquals(404, raw.post(token, "{\"type\":6}" + RS).statusCode());
    }

    /**
     * A reset socket too, after a negotiate pipelined behind the stream, which neither stops the server reading
     * nor is served: it would hold a connection for 15 s.
     */
    @Test
    void resettingTheStreamEndsTheConnection() throws Exception {
        String token = raw.negotiate();
        try (Socket socket = new Socket("localhost", server.port())) {
            socket.setSoTimeout((int) Await.TIMEOUT.toMillis());
            socket.getOutputStream().write(("GET /test?id=" + token + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            skipHead(socket.getInputStream());
            socket.getOutputStream().write(("POST /test/negotiate?negotiateVersion=1 HTTP/1.1\r\n"
                    + "Host: localhost\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            raw.post(token, JSON_HANDSHAKE);
            Await.next(recorder.connected, "onConnected");
            socket.setSoLinger(true, 0);
        }
        Await.next(recorder.disconnected, "onDisconnected");
        Await.until(() -> server.connectionCount() == 0, "the connection is let go");
    }

    private static void skipHead(InputStream in) throws Exception {
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IllegalStateException("The answer ended in its head");
            }
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
        }
    }
}
