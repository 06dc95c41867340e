package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.microsoft.signalr.HubConnection;
import io.reactivex.rxjava3.disposables.Disposable;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading costs the others nothing: it is dropped, and everyone else gets everything.
 * A stream to it does not drop it: the stream waits, its items made only as the client takes them.
 */
class SlowClientTest {

    private static final int MESSAGES = 4000;
    private static final int SIZE = 2048;
    private static final int ROUND = 16;
    private static final int ITEM_SIZE = 16 * 1024;
    /**
     * More than the socket buffers between a paused stream and its reader can hold (a few MB on loopback),
     * and far less than a stream that did not pause would make before the check ends.
     */
    private static final int PAUSED_STREAM_BOUND = 32 * 1024 * 1024 / ITEM_SIZE;
    private static final Duration QUIET = Duration.ofMillis(500);
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

    @Test
    void aStreamToAClientThatStopsReadingWaitsWithoutGrowingAndEndsWhenTheClientGoes() throws Exception {
        try (HubServer server = HubServer.builder().port(0).hub("/test", TestHub.class).injector(injector)
                .options(SMALL_SEND_BUFFER).build().start()) {
            StalledClient stalled = StalledClient.connect(server.port(), "/test");
            Await.next(recorder.connected, "the stalled client's onConnected");
            stalled.send("{\"type\":4,\"invocationId\":\"1\",\"target\":\"endless\",\"arguments\":["
                    + ITEM_SIZE + "]}" + RawWebSocket.RS);

            Await.until(() -> recorder.streamed.get() > 0, "the stream to start");
            int produced = Await.steady(recorder.streamed::get, QUIET, "the stream to pause");

            assertTrue(produced < PAUSED_STREAM_BOUND, produced + " items made for a stalled client");
            assertTrue(recorder.disconnected.isEmpty(), "the stalled client is not dropped as too slow");
            try (JavaClients clients = new JavaClients(server.port())) {
                HubConnection other = clients.connect("/test");
                assertEquals(5, other.invoke(Integer.class, "add", 2, 3).timeout(10, TimeUnit.SECONDS).blockingGet());
            }
            stalled.close();
            assertEquals("endless", Await.next(recorder.cancelled, "the stream to be cancelled"));
        }
    }

    @Test
    void aStreamToASlowReaderPausesThenResumesInOrder() throws Exception {
        try (HubServer server = HubServer.builder().port(0).hub("/test", TestHub.class).injector(injector).build()
                .start();
             JavaClients clients = new JavaClients(server.port())) {
            HubConnection reader = clients.connect("/test");
            CountDownLatch release = new CountDownLatch(1);
            BlockingQueue<String> items = new LinkedBlockingQueue<>();
            // The client reads on the thread that runs this: while it waits, nothing more is read.
            Disposable subscription = reader.stream(String.class, "endless", ITEM_SIZE).subscribe(item -> {
                release.await();
                items.add(item);
            });

            Await.until(() -> recorder.streamed.get() > 0, "the stream to start");
            int produced = Await.steady(recorder.streamed::get, QUIET, "the stream to pause");
            assertTrue(produced < PAUSED_STREAM_BOUND, produced + " items made for a reader that waits");

            release.countDown();
            for (int i = 0; i < produced + 100; i++) {
                String item = Await.next(items, "item " + i);
                assertEquals(i + ":", item.substring(0, item.indexOf(':') + 1));
            }
            subscription.dispose();
            assertEquals("endless", Await.next(recorder.cancelled, "the stream to be cancelled"));
        }
    }

    /**
     * Has a reading client broadcast 8 MB, more than the stalled socket's kernel buffers and its 64 KB queue
     * hold: the broadcast must not wait for the stalled client, the reader must get everything, and the
     * stalled client must be dropped. The reader keeps up by construction: it asks for the next round of
     * {@value #ROUND} messages (32 KB, half its queue) only once it has the last, since a reader that cannot
     * keep up with a broadcaster is exactly what the bound drops.
     */
    private void floodPast(StalledClient stalled, HubServer server) throws Exception {
        String stalledId = Await.next(recorder.connected, "the stalled client's onConnected");
        try (JavaClients clients = new JavaClients(server.port())) {
            HubConnection reader = clients.connect("/test");
            Semaphore received = new Semaphore(0);
            reader.on("msg", text -> received.release(), String.class);

            for (int sent = 0; sent < MESSAGES; sent += ROUND) {
                int queued = reader.invoke(Integer.class, "flood", ROUND, SIZE).timeout(30, TimeUnit.SECONDS)
                        .blockingGet();
                assertEquals(ROUND, queued);
                assertTrue(received.tryAcquire(ROUND, 30, TimeUnit.SECONDS), "the reader got messages " + sent
                        + " to " + (sent + ROUND));
            }
            assertEquals(stalledId, Await.next(recorder.disconnected, "the stalled client to be dropped"));
            assertTrue(stalled.droppedByServer(), "the server closed the stalled socket");
            assertEquals(5, reader.invoke(Integer.class, "add", 2, 3).timeout(10, TimeUnit.SECONDS).blockingGet());
        }
    }
}
