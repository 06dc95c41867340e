package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.microsoft.signalr.HubConnection;
import dev.switchboard.fixtures.UploadHub;
import dev.switchboard.testing.Await;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.subjects.ReplaySubject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Streams from the official Java client to hub methods: results, errors, duplex, and the connection's order. */
class UploadTest {

    private final Injector injector = Guice.createInjector();
    private final UploadHub.Recorder recorder = injector.getInstance(UploadHub.Recorder.class);
    private HubServer server;
    private JavaClients clients;
    private HubConnection client;

    @BeforeEach
    void start() throws Exception {
        server = HubServer.builder().port(0).hub("/uploads", UploadHub.class).injector(injector).build().start();
        clients = new JavaClients(server.port());
        client = clients.connect("/uploads");
    }

    @AfterEach
    void stop() {
        clients.close();
        server.close();
    }

    private static <T> T await(Single<T> single) {
        return single.timeout(10, TimeUnit.SECONDS).blockingGet();
    }

    private static String error(Single<?> single) {
        return assertThrows(com.microsoft.signalr.HubException.class, () -> await(single)).getMessage();
    }

    @Test
    void theResultComesWhenTheUploadCompletes() {
        ReplaySubject<Integer> numbers = ReplaySubject.create();
        Single<Integer> sum = client.invoke(Integer.class, "sum", numbers).cache();
        sum.subscribe((value, failure) -> { });
        for (int i = 1; i <= 100; i++) {
            numbers.onNext(i);
        }
        numbers.onComplete();
        assertEquals(5050, await(sum));
        assertEquals(500500, await(client.invoke(Integer.class, "sum", Observable.range(1, 1000))));
        assertEquals(0, await(client.invoke(Integer.class, "sum", Observable.empty())));
    }

    @Test
    void argumentsAndStreamsBindInOrder() {
        assertEquals(">a-b-c", await(client.invoke(String.class, "concat", ">", Observable.just("a", "b"), "-",
                Observable.just("c"))));
    }

    @Test
    void anErrorFromTheClientReachesTheHub() throws Exception {
        ReplaySubject<Integer> numbers = ReplaySubject.create();
        Single<Integer> sum = client.invoke(Integer.class, "sum", numbers);
        numbers.onNext(1);
        numbers.onError(new IllegalStateException("sensor unplugged"));
        assertEquals("An unexpected error occurred invoking 'sum' on the server. HubException: "
                + "java.lang.IllegalStateException: sensor unplugged", error(sum));
        assertEquals("java.lang.IllegalStateException: sensor unplugged",
                Await.next(recorder.uploadErrors, "the hub to see the error"));
    }

    @Test
    void duplexStreamsInAndOut() {
        assertEquals(List.of("A", "B", "C"), client.stream(String.class, "upper", Observable.just("a", "b", "c"))
                .toList().timeout(10, TimeUnit.SECONDS).blockingGet());
        ReplaySubject<String> words = ReplaySubject.create();
        Observable<String> upper = client.stream(String.class, "upper", words).replay().autoConnect(0);
        words.onNext("x");
        assertEquals("X", upper.firstOrError().timeout(10, TimeUnit.SECONDS).blockingGet(), "an item comes back "
                + "while the upload is open");
        words.onNext("y");
        words.onComplete();
        assertEquals(List.of("X", "Y"), upper.toList().timeout(10, TimeUnit.SECONDS).blockingGet());
    }

    @Test
    void anItemOfTheWrongTypeEndsTheUploadWithAnError() {
        assertEquals("An unexpected error occurred invoking 'sum' on the server. HubException: Failed to bind "
                + "Stream message. Stream item is not a valid Integer.", error(client.invoke(Integer.class, "sum",
                Observable.just(1, "two", 3))));
        assertEquals(3, await(client.invoke(Integer.class, "add", 1, 2)), "the connection goes on");
    }

    @Test
    void theWrongNumberOfStreamsIsRefused() {
        assertEquals("An unexpected error occurred invoking 'sum' on the server. HubException: Client sent 0 "
                + "stream(s), Hub method expects 1.", error(client.invoke(Integer.class, "sum")));
        assertEquals("An unexpected error occurred invoking 'add' on the server. HubException: Client sent 1 "
                + "stream(s), Hub method expects 0.", error(client.invoke(Integer.class, "add", 1, 2,
                Observable.just(1))));
        assertEquals("An unexpected error occurred invoking 'concat' on the server. HubException: Client sent 1 "
                + "stream(s), Hub method expects 2.", error(client.invoke(String.class, "concat", ">",
                Observable.just("a"), "-")));
    }

    @Test
    void laterInvocationsRunWhileAnUploadIsOpen() {
        ReplaySubject<Integer> numbers = ReplaySubject.create();
        Single<Integer> sum = client.invoke(Integer.class, "sum", numbers).cache();
        sum.subscribe((value, failure) -> { });
        numbers.onNext(20);
        assertEquals(3, await(client.invoke(Integer.class, "add", 1, 2)));
        sum.test().assertNotComplete().assertNoErrors();
        numbers.onNext(22);
        numbers.onComplete();
        assertEquals(42, await(sum));
    }

    @Test
    void aFireAndForgetCallUploadsToo() throws Exception {
        ReplaySubject<Integer> numbers = ReplaySubject.create();
        client.send("watch", numbers);
        numbers.onNext(7);
        assertEquals(7, Await.next(recorder.watched, "the item"));
        numbers.onComplete();
    }

    @Test
    void theHubSeesTheConnectionCloseMidUpload() throws Exception {
        ReplaySubject<Integer> numbers = ReplaySubject.create();
        client.invoke(Integer.class, "watch", numbers).subscribe((value, failure) -> { });
        numbers.onNext(1);
        assertEquals(1, Await.next(recorder.watched, "the first item"));
        client.stop().blockingAwait(10, TimeUnit.SECONDS);
        String error = Await.next(recorder.uploadErrors, "the hub to see the connection close");
        assertTrue(error.startsWith("The connection closed before stream '"), error);
    }
}
