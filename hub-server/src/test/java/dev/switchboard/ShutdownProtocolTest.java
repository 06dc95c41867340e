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
import dev.switchboard.testing.RawWebSocket;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link HubServer#close()} byte by byte: the Close each transport carries, and streams cut rather than awaited. */
class ShutdownProtocolTest {

    private static final String GOING_AWAY = "{\"type\":7,\"allowReconnect\":true}";

    private TestHub.Recorder recorder;
    private HubServer server;
    private RawHttp raw;

    @BeforeEach
    void start() throws Exception {
        Injector injector = Guice.createInjector();
        recorder = injector.getInstance(TestHub.Recorder.class);
        server = HubServer.builder().port(0).hub("/test", TestHub.class).injector(injector).build().start();
        raw = new RawHttp(server.port(), "/test");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void everyTransportCarriesACloseThatAllowsReconnecting() throws Exception {
        try (RawWebSocket webSocket = RawWebSocket.handshaken(URI.create("ws://localhost:" + server.port() + "/test"))) {
            String streamed = raw.negotiate();
            try (EventStream events = EventStream.open("http://localhost:" + server.port() + "/test?id=" + streamed)) {
                raw.post(streamed, JSON_HANDSHAKE);
                assertEquals("{}", events.next());
                String polled = raw.negotiate();
                assertEquals("", raw.poll(polled).body(), "the first poll only starts the connection");
                raw.post(polled, JSON_HANDSHAKE);
                assertEquals("{}" + RS, raw.poll(polled).body());

                CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
                assertEquals(GOING_AWAY, webSocket.nextNonPing());
                assertEquals(GOING_AWAY, events.nextNonPing());
                assertEquals(GOING_AWAY + RS, raw.poll(polled).body());
                closing.get(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aStreamBeingSentIsCutByTheCloseRatherThanWaitedFor() throws Exception {
        try (RawWebSocket client = RawWebSocket.handshaken(URI.create("ws://localhost:" + server.port() + "/test"))) {
            client.sendText("{\"type\":4,\"invocationId\":\"1\",\"target\":\"counter\",\"arguments\":[1000000,20]}" + RS);
            assertEquals("{\"type\":2,\"invocationId\":\"1\",\"item\":0}", client.nextNonPing());
            // With the default shutdown timeout of 30 s, a drain that waited for the stream would outlast this.
            CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
            String record;
            do {
                record = client.nextNonPing();
            } while (record.startsWith("{\"type\":2,"));
            assertEquals(GOING_AWAY, record);
            assertEquals("counter", Await.next(recorder.cancelled, "the stream's publisher to be cancelled"));
            closing.get(10, TimeUnit.SECONDS);
        }
    }
}
