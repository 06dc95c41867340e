package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.microsoft.signalr.HubConnection;
import dev.switchboard.fixtures.TestHub;
import dev.switchboard.testing.Await;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.observers.TestObserver;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Streams from hub methods to the official Java client over WebSockets: items, ends, errors and cancels. */
class StreamingTest {

    private final Injector injector = Guice.createInjector();
    private final TestHub.Recorder recorder = injector.getInstance(TestHub.Recorder.class);
    private HubServer server;
    private JavaClients clients;
    private HubConnection client;

    @BeforeEach
    void start() throws Exception {
        server = HubServer.builder().port(0).hub("/test", TestHub.class).injector(injector).build().start();
        clients = new JavaClients(server.port());
        client = clients.connect("/test");
    }

    @AfterEach
    void stop() {
        recorder.gate.complete(null);
        clients.close();
        server.close();
    }

    private <T> List<T> all(Class<T> type, String method, Object... args) {
        return client.stream(type, method, args).toList().timeout(10, TimeUnit.SECONDS).blockingGet();
    }

    private <T> TestObserver<T> ended(Class<T> type, String method, Object... args) throws InterruptedException {
        TestObserver<T> observer = client.stream(type, method, args).test();
        assertTrue(observer.await(10, TimeUnit.SECONDS), "the stream ended");
        return observer;
    }

    private static List<Integer> upTo(int count) {
        return IntStream.range(0, count).boxed().collect(Collectors.toList());
    }

    @Test
    void itemsArriveInOrderThenTheStreamCompletes() {
        assertEquals(upTo(5), all(Integer.class, "counter", 5, 0));
        assertEquals(upTo(3), all(Integer.class, "counter", 3, 30));
        assertEquals(upTo(2000), all(Integer.class, "counter", 2000, 0));
        assertEquals(List.of(), all(Integer.class, "counter", 0, 0));
    }

    @Test
    void aHubExceptionEndsTheStreamWithItsMessageAfterTheItemsSent() throws Exception {
        ended(Integer.class, "streamThenFail", 2, "out of stock").assertValues(0, 1)
                .assertError(com.microsoft.signalr.HubException.class)
                .assertError(e -> e.getMessage().equals(
                        "An error occurred on the server while streaming results. HubException: out of stock"));
    }

    @Test
    void otherFailuresHideTheirDetail() throws Exception {
        ended(Integer.class, "streamThenCrash", 1).assertValues(0)
                .assertError(e -> e.getMessage().equals("An error occurred on the server while streaming results."));
        ended(Integer.class, "crashBeforeStreaming").assertNoValues().assertError(e -> e.getMessage()
                .equals("An unexpected error occurred invoking 'crashBeforeStreaming' on the server."));
        ended(Integer.class, "nullStream").assertNoValues().assertError(e -> e.getMessage()
                .equals("An unexpected error occurred invoking 'nullStream' on the server."));
    }

    @Test
    void detailedErrorsShowTheExceptionOfAFailedStream() throws Exception {
        try (HubServer detailed = HubServer.builder().port(0).hub("/test", TestHub.class).injector(injector)
                .options(HubOptions.defaults().withEnableDetailedErrors(true)).build().start();
             JavaClients others = new JavaClients(detailed.port())) {
            TestObserver<Integer> crashed = others.connect("/test").stream(Integer.class, "streamThenCrash", 1).test();
            crashed.awaitDone(10, TimeUnit.SECONDS).assertError(e -> e.getMessage().equals(
                    "An error occurred on the server while streaming results. IllegalStateException: secret detail"));
        }
    }

    @Test
    void disposingTheSubscriptionCancelsThePublisher() throws Exception {
        BlockingQueue<String> items = new LinkedBlockingQueue<>();
        Disposable subscription = client.stream(String.class, "endless", 10).subscribe(items::add);
        assertEquals("0:" + "x".repeat(10), Await.next(items, "a first item"));
        subscription.dispose();
        assertEquals("endless", Await.next(recorder.cancelled, "the publisher to be cancelled"));
        assertEquals(3, client.invoke(Integer.class, "add", 1, 2).timeout(10, TimeUnit.SECONDS).blockingGet());
    }

    @Test
    void aClientThatDisconnectsCancelsItsStreams() throws Exception {
        BlockingQueue<Integer> numbers = new LinkedBlockingQueue<>();
        BlockingQueue<String> strings = new LinkedBlockingQueue<>();
        client.stream(Integer.class, "endlessStream").subscribe(numbers::add, error -> { });
        client.stream(String.class, "endless", 10).subscribe(strings::add, error -> { });
        Await.next(numbers, "an item of one stream");
        Await.next(strings, "an item of the other");
        client.stop().blockingAwait(10, TimeUnit.SECONDS);
        assertEquals("endless", Await.next(recorder.cancelled, "the publisher to be cancelled"));
        assertEquals("endlessStream", Await.next(recorder.closed, "the stream to be closed"));
    }

    @Test
    void stoppingTheServerCancelsTheStreamsRunning() throws Exception {
        BlockingQueue<Integer> items = new LinkedBlockingQueue<>();
        HubServer other = HubServer.builder().port(0).hub("/test", TestHub.class).injector(injector).build().start();
        try (JavaClients others = new JavaClients(other.port())) {
            others.connect("/test").stream(Integer.class, "endlessStream").subscribe(items::add, error -> { });
            assertEquals(0, Await.next(items, "a first item"));
            other.close();
            assertEquals("endlessStream", Await.next(recorder.closed, "the stream to be closed"));
        }
    }

    @Test
    void streamsAndIteratorsAreClosedOnceDrained() throws Exception {
        assertEquals(List.of("line 0", "line 1", "line 2"), all(String.class, "lines", 3));
        assertEquals("lines", Await.next(recorder.closed, "the stream to be closed"));
        List<InvocationTest.ClientPoint> points = all(InvocationTest.ClientPoint.class, "points", 2);
        assertEquals(List.of(1, 2), points.stream().map(point -> point.x).collect(Collectors.toList()));
        assertEquals(List.of(10, 20), points.stream().map(point -> point.y).collect(Collectors.toList()));
        assertEquals("points", Await.next(recorder.closed, "the iterator to be closed"));
        assertEquals(upTo(4), all(Integer.class, "range", 4));
    }

    @Test
    void cancellingAStreamClosesIt() throws Exception {
        BlockingQueue<Integer> items = new LinkedBlockingQueue<>();
        Disposable subscription = client.stream(Integer.class, "endlessStream").subscribe(items::add);
        assertEquals(0, Await.next(items, "a first item"));
        subscription.dispose();
        assertEquals("endlessStream", Await.next(recorder.closed, "the stream to be closed"));
    }

    @Test
    void wildcardsAndFuturesOfPublishersStreamToo() {
        List<InvocationTest.ClientPoint> points = all(InvocationTest.ClientPoint.class, "pointStream", 2);
        assertEquals(List.of(0, -1), points.stream().map(point -> point.y).collect(Collectors.toList()));
        assertEquals(upTo(3), all(Integer.class, "counterLater", 3));
    }

    @Test
    void otherCallsRunWhileAStreamIsInProgress() throws Exception {
        BlockingQueue<Integer> items = new LinkedBlockingQueue<>();
        TestObserver<Integer> gated = client.stream(Integer.class, "gatedStream").doOnNext(items::add).test();
        assertEquals(0, Await.next(items, "the first item"));
        assertEquals(3, client.invoke(Integer.class, "add", 1, 2).timeout(10, TimeUnit.SECONDS).blockingGet());
        assertEquals(upTo(20), all(Integer.class, "counter", 20, 5));
        recorder.gate.complete(null);
        assertTrue(gated.await(10, TimeUnit.SECONDS));
        gated.assertValues(0, 1).assertComplete();
    }

    @Test
    void concurrentStreamsOfOneConnectionEachGetTheirOwnItems() {
        TestObserver<Integer> first = client.stream(Integer.class, "counter", 50, 2).test();
        TestObserver<Integer> second = client.stream(Integer.class, "counter", 30, 3).test();
        first.awaitDone(10, TimeUnit.SECONDS).assertValueSequence(upTo(50)).assertComplete();
        second.awaitDone(10, TimeUnit.SECONDS).assertValueSequence(upTo(30)).assertComplete();
    }
}
