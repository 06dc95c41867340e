package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.microsoft.signalr.HubConnection;
import dev.switchboard.fixtures.TestHub;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.RawHttp;
import dev.switchboard.testing.RawWebSocket;
import dev.switchboard.testing.StalledClient;
import io.reactivex.rxjava3.disposables.Disposable;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading costs the others nothing: it is dropped, and everyone else gets everything.
 * Past either bound of its outgoing queue it is told which, if it reads on: a Close with the reason behind
 * what was already in flight, then the transport's own end (on a WebSocket, a close frame with 1008 and the
 * reason). A stream to it does not drop it: the stream waits, its items made only as the client takes them.
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

    /** Messages are sent to a stalled client until it is dropped; far more than its kernel buffers hold. */
    private static final long OVERFLOW_GIVE_UP = 256L * 1024 * 1024;

    private final Injector injector = Guice.createInjector(new SwitchboardModule(TestHub.class));
    private final TestHub.Recorder recorder = injector.getInstance(TestHub.Recorder.class);
    private final HubContext<TestHub> hub = injector.getInstance(SwitchboardModule.contextKey(TestHub.class));

    @Test
    void aClientThatStopsReadingIsDroppedWhileTheOthersGetEveryMessage() throws Exception {
        try (HubServer server = smallBufferServer();
             StalledClient stalled = StalledClient.connect(server.port(), "/test")) {
            floodPast(stalled, server);
        }
    }

    @Test
    void anEventStreamThatStopsReadingIsDroppedAndBlocksNoSender() throws Exception {
        try (HubServer server = smallBufferServer()) {
            try (StalledClient stalled = handshakenEventStream(server)) {
                floodPast(stalled, server);
            }
        }
    }

    @Test
    void aWebSocketOverTheByteBoundIsToldSoInItsCloseAndItsCloseFrame() throws Exception {
        try (HubServer server = smallBufferServer();
             StalledClient stalled = StalledClient.connect(server.port(), "/test")) {
            String id = Await.next(recorder.connected, "the stalled client's onConnected");
            overflow(id, 16 * 1024);

            StalledClient.WebSocketEnding ending = stalled.readToCloseFrame();
            String reason = "Client too slow: more than 65536 bytes waiting to be sent.";
            assertEquals(closeMessage(reason) + RawWebSocket.RS, ending.lastText());
            assertEquals(1008, ending.closeCode());
            assertEquals(reason, ending.closeReason());
            assertEquals(id, Await.next(recorder.disconnected, "the stalled client to be dropped"));
        }
    }

    @Test
    void aWebSocketOverTheMessageBoundIsToldSoInItsCloseAndItsCloseFrame() throws Exception {
        HubOptions fewMessages = HubOptions.defaults().withMaximumSendBufferMessages(64);
        try (HubServer server = HubServer.builder().port(0).hub("/test", TestHub.class).injector(injector)
                .options(fewMessages).build().start();
             StalledClient stalled = StalledClient.connect(server.port(), "/test")) {
            String id = Await.next(recorder.connected, "the stalled client's onConnected");
            // 64 messages of 1 KB are far from the byte bound of 1 MiB.
            overflow(id, 1024);

            StalledClient.WebSocketEnding ending = stalled.readToCloseFrame();
            String reason = "Client too slow: more than 64 messages waiting to be sent.";
            assertEquals(closeMessage(reason) + RawWebSocket.RS, ending.lastText());
            assertEquals(1008, ending.closeCode());
            assertEquals(reason, ending.closeReason());
        }
    }

    @Test
    void anEventStreamOverTheBoundEndsWithACloseEventSayingSo() throws Exception {
        try (HubServer server = smallBufferServer()) {
            try (StalledClient stalled = handshakenEventStream(server)) {
                String id = Await.next(recorder.connected, "the stalled client's onConnected");
                overflow(id, 16 * 1024);

                String lastEvent = stalled.readToEndOfEventStream();
                String reason = "Client too slow: more than 65536 bytes waiting to be sent.";
                assertTrue(lastEvent.endsWith(closeMessage(reason) + RawWebSocket.RS), lastEvent);
                assertEquals(id, Await.next(recorder.disconnected, "the stalled client to be dropped"));
            }
        }
    }

    @Test
    void aLongPollingClientThatStopsPollingGetsTheCloseSayingWhyInItsNextPoll() throws Exception {
        try (HubServer server = smallBufferServer()) {
            RawHttp raw = new RawHttp(server.port(), "/test");
            String token = raw.negotiate();
            assertEquals(200, raw.poll(token).statusCode());
            raw.post(token, RawWebSocket.JSON_HANDSHAKE);
            String id = Await.next(recorder.connected, "the polling client's onConnected");
            assertEquals("{}" + RawWebSocket.RS, raw.poll(token).body());
            overflow(id, 16 * 1024);

            String reason = "Client too slow: more than 65536 bytes waiting to be sent.";
            HttpResponse<String> poll = raw.poll(token);
            assertEquals(200, poll.statusCode());
            assertTrue(poll.body().endsWith(closeMessage(reason) + RawWebSocket.RS), "the Close comes last");
            assertEquals(id, Await.next(recorder.disconnected, "the polling client to be dropped"));
            assertNotEquals(200, raw.poll(token).statusCode(), "the connection is over");
        }
    }

    /**
     * Polls that find a message waiting, larger than the socket's buffers and Grizzly's queue for it take, and
     * are then never read, each with a negotiate pipelined behind it: more of them than Grizzly has worker
     * threads (two per core). Were the poll, or the negotiate behind it, answered by writing on its request
     * thread, each would hold that thread until Grizzly's write timeout, and the server would answer no one.
     */
    @Test
    void pollsThatAreNeverReadHoldNoThread() throws Exception {
        int stalledPolls = 2 * Runtime.getRuntime().availableProcessors() + 2;
        List<StalledClient> polls = new ArrayList<>();
        try (HubServer server = HubServer.builder().port(0).hub("/test", TestHub.class).injector(injector).build()
                .start()) {
            RawHttp raw = new RawHttp(server.port(), "/test");
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < stalledPolls; i++) {
                String token = raw.negotiate();
                assertEquals(200, raw.poll(token).statusCode());
                raw.post(token, RawWebSocket.JSON_HANDSHAKE);
                hub.groups().add(Await.next(recorder.connected, "a poller's onConnected"), "pollers").join();
                assertEquals("{}" + RawWebSocket.RS, raw.poll(token).body());
                tokens.add(token);
            }
            // One message of 16 MB, shared by all: more than loopback's socket buffers and Grizzly's 2 MB queue.
            hub.clients().group("pollers").send("msg", "x".repeat(16 * 1024 * 1024));
            for (String token : tokens) {
                polls.add(StalledClient.poll(server.port(), "/test", token));
            }
            for (StalledClient poll : polls) {
                Await.until(poll::answerStarted, "every poll to be answered");
            }

            URI webSocket = URI.create("ws://localhost:" + server.port() + "/test");
            try (RawWebSocket other = RawWebSocket.handshaken(webSocket)) {
                other.sendText("{\"type\":1,\"invocationId\":\"1\",\"target\":\"add\",\"arguments\":[2,3]}"
                        + RawWebSocket.RS);
                assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":5}", other.next());
                assertEquals(stalledPolls + 1, server.connectionCount(), "the pollers are still connected");
            }
        } finally {
            for (StalledClient poll : polls) {
                poll.close();
            }
        }
    }

    @Test
    void aStreamToAClientThatStopsReadingWaitsWithoutGrowingAndEndsWhenTheClientGoes() throws Exception {
        try (HubServer server = smallBufferServer()) {
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
     * Sends to one client until the server closes it as too slow, which it shows by failing at once the
     * client result it owes: the result asked for first, which the stalled client never answers.
     */
    private void overflow(String connectionId, int messageSize) {
        SingleClientProxy client = hub.clients().client(connectionId);
        CompletableFuture<String> unanswered = client.invoke(String.class, "neverAnswered");
        String text = "x".repeat(messageSize);
        long sent = 0;
        while (!unanswered.isDone()) {
            assertTrue(sent < OVERFLOW_GIVE_UP, "still not closed after " + sent + " bytes");
            client.send("msg", text);
            sent += messageSize;
        }
    }

    private static String closeMessage(String reason) {
        return "{\"type\":7,\"error\":\"Connection closed with an error. " + reason + "\",\"allowReconnect\":true}";
    }

    /**
     * Has a reading client broadcast 8 MB, more than the stalled socket's kernel buffers and its 64 KB queue
     * hold: the broadcast must not wait for the stalled client, the reader must get everything, and the
     * stalled client must be dropped. The reader keeps up by construction: it asks for the next round of
     * {@value #ROUND} messages (32 KB, half its queue) only once it has the last, since a reader that cannot
     * keep up with a broadcaster is exactly what the bound drops.
     */
    private HubServer smallBufferServer() throws Exception {
        return HubServer.builder().port(0).hub("/test", TestHub.class).injector(injector).options(SMALL_SEND_BUFFER)
                .build().start();
    }

    /** An event stream that has completed its handshake, then reads nothing. */
    private static StalledClient handshakenEventStream(HubServer server) throws Exception {
        RawHttp raw = new RawHttp(server.port(), "/test");
        String token = raw.negotiate();
        StalledClient stalled = StalledClient.eventStream(server.port(), "/test", token);
        raw.post(token, RawWebSocket.JSON_HANDSHAKE);
        return stalled;
    }

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
