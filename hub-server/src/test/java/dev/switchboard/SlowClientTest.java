package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.microsoft.signalr.HubConnection;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A client that stops reading costs the others nothing: it is dropped, and everyone else gets everything. */
class SlowClientTest {

    private static final int MESSAGES = 4000;
    private static final int SIZE = 2048;
    private static final HubOptions SMALL_SEND_BUFFER = HubOptions.defaults().withMaximumSendBufferSize(64 * 1024);

    private final Injector injector = Guice.createInjector();
    private final TestHub.Recorder recorder = injector.getInstance(TestHub.Recorder.class);

    @Test
    void aClientThatStopsReadingIsDroppedWhileTheOthersGetEveryMessage() throws Exception {
        try (HubServer server = HubServer.builder().port(0).hub("/test", TestHub.class).injector(injector)
                .options(SMALL_SEND_BUFFER).build().start();
             StalledClient stalled = StalledClient.connect(server.port(), "/test")) {
            floodPast(stalled, server);
        }
    }

    @Test
    void anEventStreamThatStopsReadingIsDroppedAndBlocksNoSender() throws Exception {
        try (HubServer server = HubServer.builder().port(0).hub("/test", TestHub.class).injector(injector)
                .options(SMALL_SEND_BUFFER).build().start()) {
            RawHttp raw = new RawHttp(server.port(), "/test");
            String token = raw.negotiate();
            try (StalledClient stalled = StalledClient.eventStream(server.port(), "/test", token)) {
                raw.post(token, RawWebSocket.JSON_HANDSHAKE);
                floodPast(stalled, server);
            }
        }
    }

    /**
     * Has a reading client broadcast 8 MB, more than the stalled socket's kernel buffers and its 64 KB queue
     * hold: the broadcast must not wait for the stalled client, the reader must get everything, and the
     * stalled client must be dropped.
     */
    private void floodPast(StalledClient stalled, HubServer server) throws Exception {
        String stalledId = Await.next(recorder.connected, "the stalled client's onConnected");
        try (JavaClients clients = new JavaClients(server.port())) {
            HubConnection reader = clients.connect("/test");
            CountDownLatch received = new CountDownLatch(MESSAGES);
            reader.on("msg", text -> received.countDown(), String.class);

            int queued = reader.invoke(Integer.class, "flood", MESSAGES, SIZE).timeout(30, TimeUnit.SECONDS)
                    .blockingGet();

            assertEquals(MESSAGES, queued);
            assertTrue(received.await(30, TimeUnit.SECONDS), "the reading client got every message");
            assertEquals(stalledId, Await.next(recorder.disconnected, "the stalled client to be dropped"));
            assertTrue(stalled.droppedByServer(), "the server closed the stalled socket");
            assertEquals(5, reader.invoke(Integer.class, "add", 2, 3).timeout(10, TimeUnit.SECONDS).blockingGet());
        }
    }
}
