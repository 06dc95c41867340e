package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.switchboard.fixtures.TestHub;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.RawHttp;
import dev.switchboard.testing.RawWebSocket;
import dev.switchboard.testing.StalledClient;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A sustained flood of broadcasts while clients that stop reading keep arriving, over every transport: each
 * round connects WebSocket, event stream and long polling clients that never read again, and broadcasts until
 * every one of them has overflowed its queue and been closed as too slow. The heap after a full GC stays flat
 * (far below what the stalled clients would have piled up without the bounds, which the test computes), the
 * overflowed connections are all gone, and the clients that read get every message.
 */
@Tag("slow")
class FloodMemoryTest {

    private static final int ROUNDS = 20;
    private static final int HEALTHY = 3;
    private static final int MESSAGE_SIZE = 16 * 1024;
    /** 128 KB, half the send buffer: readers that keep up are never near their bound. */
    private static final int CHUNK = 8;
    private static final int SEND_BUFFER = 256 * 1024;
    /** Far more than a stalled socket's kernel buffers absorb (a few MB on loopback). */
    private static final long ROUND_GIVE_UP = 256L * 1024 * 1024;
    /** Generous: class loading, JIT and Grizzly's pools settle in the first rounds. */
    private static final long HEAP_GROWTH_BOUND = 32L * 1024 * 1024;
    private static final String MSG = "{\"type\":1,\"target\":\"msg\",";

    private final Injector injector = Guice.createInjector(new SwitchboardModule(TestHub.class));
    private final TestHub.Recorder recorder = injector.getInstance(TestHub.Recorder.class);
    private final HubContext<TestHub> hub = injector.getInstance(SwitchboardModule.contextKey(TestHub.class));
    private final String text = "x".repeat(MESSAGE_SIZE);
    private final List<Counter> healthy = new ArrayList<>();
    private long sent;

    @Test
    void heapStaysFlatWhileStalledClientsOfEveryTransportKeepOverflowing() throws Exception {
        HubOptions options = HubOptions.defaults().withMaximumSendBufferSize(SEND_BUFFER);
        List<StalledClient> stalled = new ArrayList<>();
        try (HubServer server = HubServer.builder().port(0).hub("/flood", TestHub.class).injector(injector)
                .options(options).build().start()) {
            HttpClient http = HttpClient.newHttpClient();
            for (int i = 0; i < HEALTHY; i++) {
                healthy.add(Counter.connect(http, URI.create("ws://localhost:" + server.port() + "/flood")));
                Await.next(recorder.connected, "a reading client's onConnected");
            }
            RawHttp raw = new RawHttp(server.port(), "/flood");
            broadcastChunk();

            long start = heapAfterGc();
            long midway = 0;
            long wouldPileUp = 0;
            for (int round = 0; round < ROUNDS; round++) {
                List<CompletableFuture<String>> unanswered = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    stalled.add(StalledClient.connect(server.port(), "/flood"));
                    unanswered.add(probe(Await.next(recorder.connected, "a stalled WebSocket's onConnected")));
                }
                String sseToken = raw.negotiate();
                stalled.add(StalledClient.eventStream(server.port(), "/flood", sseToken));
                raw.post(sseToken, RawWebSocket.JSON_HANDSHAKE);
                unanswered.add(probe(Await.next(recorder.connected, "a stalled event stream's onConnected")));
                String pollToken = raw.negotiate();
                assertEquals(200, raw.poll(pollToken).statusCode());
                raw.post(pollToken, RawWebSocket.JSON_HANDSHAKE);
                unanswered.add(probe(Await.next(recorder.connected, "a poller's onConnected; it polls no more")));

                long before = sent;
                while (!unanswered.stream().allMatch(CompletableFuture::isDone)) {
                    assertTrue((sent - before) * MESSAGE_SIZE < ROUND_GIVE_UP, "round " + round
                            + ": stalled clients still not closed after " + (sent - before) + " messages");
                    broadcastChunk();
                }
                // Without the bounds, each would hold everything broadcast from now to the end of the flood.
                wouldPileUp -= (long) unanswered.size() * before * MESSAGE_SIZE;
                if (round == ROUNDS / 2 - 1) {
                    midway = heapAfterGc();
                }
            }
            wouldPileUp += (long) ROUNDS * 4 * sent * MESSAGE_SIZE;

            Await.until(() -> server.connectionCount() == HEALTHY, "the overflowed connections to be gone, "
                    + server.connectionCount() + " left");
            long end = heapAfterGc();
            System.out.printf("FloodMemoryTest: %d rounds x 4 stalled clients, %d messages of %d bytes to %d readers;"
                    + " heap after GC: start %.1f MB, midway %.1f MB, end %.1f MB; without the bounds the stalled "
                    + "clients would have piled up %.1f MB%n", ROUNDS, sent, MESSAGE_SIZE, HEALTHY, mb(start),
                    mb(midway), mb(end), mb(wouldPileUp));

            assertTrue(wouldPileUp > 10 * HEAP_GROWTH_BOUND, "the flood is too small to show the bound");
            assertTrue(midway - start < HEAP_GROWTH_BOUND, "heap grew by " + mb(midway - start) + " MB midway");
            assertTrue(end - start < HEAP_GROWTH_BOUND, "heap grew by " + mb(end - start) + " MB");
            for (Counter reader : healthy) {
                assertEquals(sent, reader.received.get(), "a reading client missed messages");
            }
        } finally {
            for (StalledClient client : stalled) {
                client.close();
            }
            for (Counter reader : healthy) {
                reader.close();
            }
        }
    }

    /** A client result the stalled client never answers: it fails at once when the client is closed as too slow. */
    private CompletableFuture<String> probe(String connectionId) {
        return hub.clients().client(connectionId).invoke(String.class, "neverAnswered");
    }

    /** Broadcasts from this thread, which never waits for a client, then waits for the readers to have it all. */
    private void broadcastChunk() {
        for (int i = 0; i < CHUNK; i++) {
            hub.clients().all().send("msg", text);
        }
        sent += CHUNK;
        Await.until(() -> healthy.stream().allMatch(reader -> reader.received.get() >= sent),
                "the readers to get " + sent + " messages");
    }

    /** Heap used after full collections, repeated until two readings agree within a megabyte. */
    private static long heapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 20; i++) {
            System.gc();
            long used = memory.getHeapMemoryUsage().getUsed();
            if (Math.abs(last - used) < 1024 * 1024) {
                return used;
            }
            last = used;
        }
        return last;
    }

    private static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    /** A reading WebSocket client that keeps nothing but the count of "msg" invocations it got. */
    private static final class Counter implements WebSocket.Listener, AutoCloseable {

        final AtomicLong received = new AtomicLong();
        private final CompletableFuture<Void> handshaken = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        static Counter connect(HttpClient http, URI uri) throws Exception {
            Counter counter = new Counter();
            counter.socket = http.newWebSocketBuilder().buildAsync(uri, counter)
                    .get(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            counter.socket.sendText(RawWebSocket.JSON_HANDSHAKE, true).get(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            counter.handshaken.get(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return counter;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            int start = 0;
            int end;
            while ((end = partial.indexOf(RawWebSocket.RS, start)) >= 0) {
                if (startsAt(MSG, start)) {
                    received.incrementAndGet();
                } else if (startsAt("{}" + RawWebSocket.RS, start)) {
                    handshaken.complete(null);
                }
                start = end + 1;
            }
            partial.delete(0, start);
            webSocket.request(1);
            return null;
        }

        private boolean startsAt(String prefix, int at) {
            return partial.length() - at >= prefix.length()
                    && partial.subSequence(at, at + prefix.length()).toString().equals(prefix);
        }

        @Override
        public void close() {
            socket.abort();
        }
    }
}
