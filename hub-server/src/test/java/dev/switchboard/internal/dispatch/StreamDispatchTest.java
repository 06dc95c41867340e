package dev.switchboard.internal.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.ConnectionRequest;
import dev.switchboard.Hub;
import dev.switchboard.HubMethod;
import dev.switchboard.HubOptions;
import dev.switchboard.internal.connection.HeldSender;
import dev.switchboard.internal.connection.HubConnectionContext;
import dev.switchboard.spi.DefaultHubLifetimeManager;
import dev.switchboard.internal.protocol.HandshakeProtocol;
import dev.switchboard.internal.protocol.HubProtocol;
import dev.switchboard.internal.protocol.JsonHubProtocol;
import dev.switchboard.internal.protocol.JsonMappers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Streams through a real dispatcher and connection whose transport completes sends only when the test
 * says, with hub work inline: how far a stream runs ahead of its client, and what stops it.
 */
class StreamDispatchTest {

    private static final String RS = "\u001e";

    /** What the hub's streams did, shared by the hub instances of one test. */
    static final class Seen {
        final AtomicInteger pulled = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        final AtomicInteger cancelled = new AtomicInteger();
        final AtomicInteger invoked = new AtomicInteger();
    }

    public static class StreamHub extends Hub {
        private final Seen seen;

        StreamHub(Seen seen) {
            this.seen = seen;
        }

        /** 50-character strings, pulled one at a time, counted, and closed at the end. */
        @HubMethod
        public Iterator<String> endless() {
            seen.invoked.incrementAndGet();
            return new CountingIterator(seen);
        }

        /** Sends three items for each one requested. */
        @HubMethod
        public Flow.Publisher<Integer> overeager() {
            return subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                    for (int i = 0; i < 3 * n; i++) {
                        subscriber.onNext(i);
                    }
                }

                @Override
                public void cancel() {
                    seen.cancelled.incrementAndGet();
                }
            });
        }

        /** Delivers each item inside {@code request}, as simple publishers do. */
        @HubMethod
        public Flow.Publisher<Integer> synchronous(int count) {
            return subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
                int next;

                @Override
                public void request(long n) {
                    if (next == count) {
                        subscriber.onComplete();
                    } else {
                        subscriber.onNext(next++);
                    }
                }

                @Override
                public void cancel() {
                }
            });
        }
    }

    private static final class CountingIterator implements Iterator<String>, AutoCloseable {
        private final Seen seen;

        CountingIterator(Seen seen) {
            this.seen = seen;
        }

        @Override
        public boolean hasNext() {
            return true;
        }

        @Override
        public String next() {
            seen.pulled.incrementAndGet();
            return "x".repeat(50);
        }

        @Override
        public void close() {
            seen.closed.incrementAndGet();
        }
    }

    private final ObjectMapper mapper = JsonMappers.signalR();
    private final Seen seen = new Seen();
    private final HeldSender sender = new HeldSender();

    private HubConnectionContext connect(Executor hubWork) {
        HubOptions options = HubOptions.defaults().withMaximumSendBufferSize(1000);
        HubDispatcher dispatcher = new HubDispatcher(HubDescriptor.of(StreamHub.class, mapper),
                () -> new StreamHub(seen), new DefaultHubLifetimeManager(), request -> null, options);
        HubConnectionContext connection = new HubConnectionContext("conn", "token", options, dispatcher,
                Map.<String, HubProtocol>of("json", new JsonHubProtocol(mapper)), new HandshakeProtocol(mapper),
                hubWork, Runnable::run);
        assertTrue(connection.attach(sender, new ConnectionRequest("/hub", Map.of(), Map.of(), "127.0.0.1")));
        receive(connection, "{\"protocol\":\"json\",\"version\":1}" + RS);
        return connection;
    }

    private static void receive(HubConnectionContext connection, String text) {
        connection.receive(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String streamInvocation(String id, String target, String arguments) {
        return "{\"type\":4,\"invocationId\":\"" + id + "\",\"target\":\"" + target + "\",\"arguments\":" + arguments
                + "}" + RS;
    }

    @Test
    void aStreamRunsAheadOfAStalledClientByHalfTheSendBufferAtMost() {
        HubConnectionContext connection = connect(Runnable::run);
        sender.completeNext();
        receive(connection, streamInvocation("1", "endless", "[]"));

        // An item's record is 88 bytes: one in flight, then six wait before 500 bytes (half of 1000) are reached.
        assertEquals(7, seen.pulled.get());
        assertEquals(2, sender.sent.size(), "the handshake reply and the first item");
        receive(connection, "{\"type\":6}" + RS);
        assertEquals(7, seen.pulled.get(), "nothing more while the client takes nothing");

        sender.completeNext();
        assertEquals(13, seen.pulled.get(), "as many again once the next send took what waited");
        assertEquals(3, sender.sent.size());
    }

    @Test
    void cancellingClosesTheIteratorAndCompletesWithoutError() {
        HubConnectionContext connection = connect(Runnable::run);
        sender.completeNext();
        receive(connection, streamInvocation("1", "endless", "[]"));
        receive(connection, "{\"type\":5,\"invocationId\":\"1\"}" + RS);
        assertEquals(1, seen.closed.get());
        assertEquals(7, seen.pulled.get());
        sender.completeNext();
        List<String> records = sender.records();
        assertEquals(9, records.size(), "the reply, seven items and the completion");
        assertEquals("{\"type\":3,\"invocationId\":\"1\"}", records.get(records.size() - 1));
    }

    @Test
    void aStreamCancelledWhileWaitingItsTurnStillRunsItsMethodAndClosesWhatItReturned() {
        List<Runnable> hubWork = new ArrayList<>();
        HubConnectionContext connection = connect(hubWork::add);
        receive(connection, streamInvocation("1", "endless", "[]") + "{\"type\":5,\"invocationId\":\"1\"}" + RS);
        sender.completeInline = true;
        while (!hubWork.isEmpty()) {
            hubWork.remove(0).run();
        }
        assertEquals(1, seen.invoked.get(), "the method runs, as ASP.NET Core starts it with a cancelled token");
        assertEquals(1, seen.closed.get(), "what it returned is closed at once");
        assertEquals(0, seen.pulled.get(), "and never read");
        assertEquals(List.of("{}", "{\"type\":3,\"invocationId\":\"1\"}"), sender.records());
    }

    @Test
    void aPublisherSendingMoreThanRequestedIsStoppedWithAnError() {
        HubConnectionContext connection = connect(Runnable::run);
        sender.completeInline = true;
        sender.completeNext();
        receive(connection, streamInvocation("1", "overeager", "[]"));
        assertEquals(List.of("{}", "{\"type\":2,\"invocationId\":\"1\",\"item\":0}",
                "{\"type\":3,\"invocationId\":\"1\",\"error\":\"An error occurred on the server while streaming "
                        + "results.\"}"), sender.records());
        assertEquals(1, seen.cancelled.get());
    }

    @Test
    void aPublisherDeliveringInsideRequestDoesNotGrowTheStack() {
        HubConnectionContext connection = connect(Runnable::run);
        sender.completeInline = true;
        sender.completeNext();
        receive(connection, streamInvocation("1", "synchronous", "[100000]"));
        List<String> records = sender.records();
        assertEquals(100_002, records.size());
        assertEquals("{\"type\":2,\"invocationId\":\"1\",\"item\":99999}", records.get(100_000));
        assertEquals("{\"type\":3,\"invocationId\":\"1\"}", records.get(100_001));
    }
}
