package dev.switchboard.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import com.microsoft.signalr.TransportEnum;
import dev.switchboard.HubOptions;
import dev.switchboard.SwitchboardModule;
import dev.switchboard.fixtures.TestHub;
import dev.switchboard.servlet.ServletContainer.Kind;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.RawHttp;
import dev.switchboard.testing.RawWebSocket;
import dev.switchboard.testing.StalledClient;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A client that stops reading costs the others nothing on a container either: once its outgoing queue passes its
 * bound it is dropped (its socket closed by the container), while a reader gets every message of an 8 MB flood.
 * Over a WebSocket (the container's async remote never completes its send) and an event stream (the response's
 * {@code isReady()} stays false).
 */
class ServletSlowClientTest {

    private static final int MESSAGES = 4000;
    private static final int SIZE = 2048;
    private static final int ROUND = 16;
    private static final HubOptions SMALL_SEND_BUFFER = HubOptions.defaults().withMaximumSendBufferSize(64 * 1024);

    private final Injector injector = Guice.createInjector(new SwitchboardModule(TestHub.class));
    private final TestHub.Recorder recorder = injector.getInstance(TestHub.Recorder.class);

    static Stream<Arguments> cases() {
        return ServletContainer.available().stream()
                .flatMap(kind -> Stream.of(Arguments.of(kind, "WebSockets"), Arguments.of(kind, "ServerSentEvents")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void aClientThatStopsReadingIsDroppedWhileTheOthersGetEveryMessage(Kind kind, String transport) throws Exception {
        try (ServletContainer container = ServletContainer.programmatic(kind, hubs -> hubs
                .hub("/test", TestHub.class).injector(injector).options(SMALL_SEND_BUFFER));
             StalledClient stalled = transport.equals("WebSockets")
                     ? StalledClient.connect(container.port(), "/test")
                     : handshakenEventStream(container.port())) {
            String stalledId = Await.next(recorder.connected, "the stalled client's onConnected");
            HubConnection reader = HubConnectionBuilder.create("http://127.0.0.1:" + container.port() + "/test")
                    .withTransport(TransportEnum.WEBSOCKETS).build();
            try {
                reader.start().blockingAwait(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                Semaphore received = new Semaphore(0);
                reader.on("msg", text -> received.release(), String.class);
                for (int sent = 0; sent < MESSAGES; sent += ROUND) {
                    int queued = reader.invoke(Integer.class, "flood", ROUND, SIZE).timeout(30, TimeUnit.SECONDS)
                            .blockingGet();
                    assertEquals(ROUND, queued);
                    assertTrue(received.tryAcquire(ROUND, 30, TimeUnit.SECONDS),
                            "the reader got messages " + sent + " to " + (sent + ROUND));
                }
                assertEquals(stalledId, Await.next(recorder.disconnected, "the stalled client to be dropped"));
                assertTrue(stalled.droppedByServer(), "the container closed the stalled socket");
                assertEquals(5, reader.invoke(Integer.class, "add", 2, 3).timeout(10, TimeUnit.SECONDS)
                        .blockingGet());
            } finally {
                reader.stop().blockingAwait(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        }
    }

    private static StalledClient handshakenEventStream(int port) throws Exception {
        RawHttp raw = new RawHttp(port, "/test");
        String token = raw.negotiate();
        StalledClient stalled = StalledClient.eventStream(port, "/test", token);
        raw.post(token, RawWebSocket.JSON_HANDSHAKE);
        return stalled;
    }
}
