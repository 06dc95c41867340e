package dev.switchboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** A hub with one method per feature the integration tests exercise. */
public class TestHub extends Hub {

    public record Point(int x, int y) {
    }

    public enum Color { RED, GREEN }

    /** What the hubs of one server saw; one per test, since each test builds its own injector. */
    @Singleton
    public static class Recorder {
        final AtomicInteger hubsCreated = new AtomicInteger();
        final BlockingQueue<String> connected = new LinkedBlockingQueue<>();
        final BlockingQueue<String> disconnected = new LinkedBlockingQueue<>();
        final BlockingQueue<String> fireAndForget = new LinkedBlockingQueue<>();
        final List<String> order = Collections.synchronizedList(new ArrayList<>());
        final CompletableFuture<Void> gate = new CompletableFuture<>();
        /** Items the streaming methods produced, across all their streams. */
        final AtomicInteger streamed = new AtomicInteger();
        /** The names of streaming methods whose publisher was cancelled. */
        final BlockingQueue<String> cancelled = new LinkedBlockingQueue<>();
        /** The names of streaming methods whose Stream or Iterator was closed. */
        final BlockingQueue<String> closed = new LinkedBlockingQueue<>();

        TestPublisher.Listener listener(String method) {
            return new TestPublisher.Listener() {
                @Override
                public void produced(int index) {
                    streamed.incrementAndGet();
                }

                @Override
                public void cancelled() {
                    Recorder.this.cancelled.add(method);
                }
            };
        }
    }

    private final Recorder recorder;

    @Inject
    public TestHub(Recorder recorder) {
        this.recorder = recorder;
        recorder.hubsCreated.incrementAndGet();
    }

    @Override
    public void onConnected() {
        recorder.connected.add(context().connectionId());
    }

    @Override
    public void onDisconnected(Throwable exception) {
        recorder.disconnected.add(context().connectionId());
    }

    // ---- values and binding

    @HubMethod
    public int add(int a, int b) {
        return a + b;
    }

    @HubMethod
    public String echo(String value) {
        return value;
    }

    @HubMethod
    public Point echoPoint(Point point) {
        return point;
    }

    @HubMethod
    public List<Integer> echoList(List<Integer> values) {
        return values;
    }

    @HubMethod
    public Map<String, Integer> echoMap(Map<String, Integer> values) {
        return values;
    }

    @HubMethod
    public Color echoEnum(Color color) {
        return color;
    }

    @HubMethod
    public JsonNode echoNode(JsonNode node) {
        return node;
    }

    @HubMethod
    public Integer echoBoxed(Integer value) {
        return value;
    }

    @HubMethod
    public void doNothing() {
    }

    @HubMethod("renamed")
    public String originalName() {
        return "renamed";
    }

    @HubMethod
    public int hubsCreated() {
        return recorder.hubsCreated.get();
    }

    // ---- futures, errors, order

    @HubMethod
    public CompletableFuture<String> later(String value) {
        return CompletableFuture.supplyAsync(() -> value + "!",
                CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS));
    }

    @HubMethod
    public CompletableFuture<Void> laterVoid() {
        return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS));
    }

    @HubMethod
    public void fail(String message) {
        throw new HubException(message);
    }

    @HubMethod
    public void crash() {
        throw new IllegalStateException("secret detail");
    }

    @HubMethod
    public CompletableFuture<String> crashLater() {
        return CompletableFuture.failedFuture(new IllegalStateException("async detail"));
    }

    @HubMethod
    public void record(String value) {
        recorder.fireAndForget.add(value);
    }

    /** Appends after a delay, so that a later call would overtake it if calls ran in parallel. */
    @HubMethod
    public CompletableFuture<Void> append(String value, int delayMillis) {
        return CompletableFuture.runAsync(() -> recorder.order.add(value),
                CompletableFuture.delayedExecutor(delayMillis, TimeUnit.MILLISECONDS));
    }

    /** Holds the connection's queue until the test completes the recorder's gate. */
    @HubMethod
    public CompletableFuture<Void> waitAtGate() {
        return recorder.gate;
    }

    @HubMethod
    public List<String> order() {
        return List.copyOf(recorder.order);
    }

    // ---- the caller

    @HubMethod
    public String whoAmI() {
        return context().connectionId();
    }

    @HubMethod
    public Transport transport() {
        return context().transport();
    }

    @HubMethod
    public String user() {
        return context().userIdentifier();
    }

    @HubMethod
    public void remember(String value) {
        context().items().put("remembered", value);
    }

    @HubMethod
    public String recall() {
        return (String) context().items().get("remembered");
    }

    @HubMethod
    public void abort() {
        context().abort();
    }

    // ---- every Clients target, each sends "msg" with a text

    @HubMethod
    public void toAll(String text) {
        clients().all().send("msg", text);
    }

    @HubMethod
    public void toCaller(String text) {
        clients().caller().send("msg", text);
    }

    @HubMethod
    public void toOthers(String text) {
        clients().others().send("msg", text);
    }

    @HubMethod
    public void toClient(String connectionId, String text) {
        clients().client(connectionId).send("msg", text);
    }

    @HubMethod
    public void toClients(List<String> connectionIds, String text) {
        clients().clients(connectionIds).send("msg", text);
    }

    @HubMethod
    public void toAllExcept(List<String> connectionIds, String text) {
        clients().allExcept(connectionIds).send("msg", text);
    }

    @HubMethod
    public void toGroup(String group, String text) {
        clients().group(group).send("msg", text);
    }

    @HubMethod
    public void toGroups(List<String> groups, String text) {
        clients().groups(groups).send("msg", text);
    }

    @HubMethod
    public void toGroupExcept(String group, List<String> connectionIds, String text) {
        clients().groupExcept(group, connectionIds).send("msg", text);
    }

    @HubMethod
    public void toOthersInGroup(String group, String text) {
        clients().othersInGroup(group).send("msg", text);
    }

    @HubMethod
    public void toUser(String user, String text) {
        clients().user(user).send("msg", text);
    }

    @HubMethod
    public void toUsers(List<String> users, String text) {
        clients().users(users).send("msg", text);
    }

    @HubMethod
    public void joinGroup(String group) {
        groups().add(context().connectionId(), group);
    }

    @HubMethod
    public void leaveGroup(String group) {
        groups().remove(context().connectionId(), group);
    }

    /** Broadcasts {@code count} messages of {@code size} characters; returns once all are queued. */
    @HubMethod
    public int flood(int count, int size) {
        String text = "x".repeat(size);
        for (int i = 0; i < count; i++) {
            clients().all().send("msg", text);
        }
        return count;
    }

    /** Sends "0", "1", ... to the caller, one message each. */
    @HubMethod
    public void numbered(int count) {
        for (int i = 0; i < count; i++) {
            clients().caller().send("msg", Integer.toString(i));
        }
    }

    @HubMethod
    public void sendWithArguments() {
        clients().caller().send("many", 1, null, new Point(1, 2), List.of("a"));
    }

    // ---- streams to the caller

    /** Streams 0, 1, ... count - 1, one item each {@code delayMillis}; for the JavaScript client's tests too. */
    @HubMethod
    public Flow.Publisher<Integer> counter(int count, int delayMillis) {
        return TestPublisher.of(i -> i, count, delayMillis, null, recorder.listener("counter"));
    }

    /** "0:xx..", "1:xx..", ... with {@code size} x's each, as fast as the client takes them, until cancelled. */
    @HubMethod
    public Flow.Publisher<String> endless(int size) {
        String padding = "x".repeat(size);
        return TestPublisher.of(i -> i + ":" + padding, Integer.MAX_VALUE, 0, null, recorder.listener("endless"));
    }

    @HubMethod
    public Flow.Publisher<Integer> streamThenFail(int count, String message) {
        return TestPublisher.of(i -> i, count, 0, new HubException(message), recorder.listener("streamThenFail"));
    }

    @HubMethod
    public Flow.Publisher<Integer> streamThenCrash(int count) {
        return TestPublisher.of(i -> i, count, 0, new IllegalStateException("secret detail"),
                recorder.listener("streamThenCrash"));
    }

    /** Streams 0 at once and 1 once the recorder's gate opens. */
    @HubMethod
    public Flow.Publisher<Integer> gatedStream() {
        return TestPublisher.holding(i -> i, 2, 1, recorder.gate, recorder.listener("gatedStream"));
    }

    @HubMethod
    public CompletableFuture<Flow.Publisher<Integer>> counterLater(int count) {
        return CompletableFuture.supplyAsync(() -> counter(count, 0),
                CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS));
    }

    @HubMethod
    public Flow.Publisher<Integer> crashBeforeStreaming() {
        throw new IllegalStateException("secret detail");
    }

    @HubMethod
    public Flow.Publisher<Integer> nullStream() {
        return null;
    }

    @HubMethod
    public Flow.Publisher<? extends Point> pointStream(int count) {
        return TestPublisher.of(i -> new Point(i, -i), count, 0, null, recorder.listener("pointStream"));
    }

    @HubMethod
    public Stream<String> lines(int count) {
        return IntStream.range(0, count).mapToObj(i -> "line " + i).onClose(() -> recorder.closed.add("lines"));
    }

    /** 0, 1, 2, ... pulled one by one as the client takes them, until cancelled. */
    @HubMethod
    public Stream<Integer> endlessStream() {
        return Stream.iterate(0, i -> i + 1).peek(i -> recorder.streamed.incrementAndGet())
                .onClose(() -> recorder.closed.add("endlessStream"));
    }

    @HubMethod
    public IntStream range(int count) {
        return IntStream.range(0, count);
    }

    @HubMethod
    public Iterator<Point> points(int count) {
        return new ClosingIterator(count);
    }

    /** An iterator holding a resource, as a database cursor would. */
    private final class ClosingIterator implements Iterator<Point>, AutoCloseable {
        private final int count;
        private int next;

        ClosingIterator(int count) {
            this.count = count;
        }

        @Override
        public boolean hasNext() {
            return next < count;
        }

        @Override
        public Point next() {
            if (next == count) {
                throw new NoSuchElementException();
            }
            next++;
            return new Point(next, next * 10);
        }

        @Override
        public void close() {
            recorder.closed.add("points");
        }
    }
}
