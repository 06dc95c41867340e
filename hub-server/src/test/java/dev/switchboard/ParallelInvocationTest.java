package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.microsoft.signalr.HubConnection;
import dev.switchboard.fixtures.ParallelHub;
import dev.switchboard.testing.Await;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.observers.TestObserver;
import io.reactivex.rxjava3.subjects.ReplaySubject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code maximumParallelInvocationsPerClient} with the official Java client: blocking calls of one connection run
 * side by side up to the limit and complete in the order they finish; with the default of 1 they run one at a time.
 * And a stream cancelled before its turn still runs its method, which sees the cancellation at once.
 */
class ParallelInvocationTest {

    private final Injector injector = Guice.createInjector();
    private final ParallelHub.Recorder recorder = injector.getInstance(ParallelHub.Recorder.class);
    private HubServer server;
    private JavaClients clients;

    private HubConnection connect(int parallel) throws Exception {
        server = HubServer.builder().port(0).hub("/parallel", ParallelHub.class).injector(injector)
                .options(HubOptions.defaults().withMaximumParallelInvocationsPerClient(parallel)).build().start();
        clients = new JavaClients(server.port());
        return clients.connect("/parallel");
    }

    @AfterEach
    void stop() {
        for (String name : List.of("A", "B", "C", "D", "E")) {
            recorder.release(name);
        }
        if (clients != null) {
            clients.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** Adds each call's result to {@code completions} as it arrives. */
    private static Single<String> hold(HubConnection client, String name, List<String> completions) {
        Single<String> call = client.invoke(String.class, "hold", name).cache();
        call.subscribe(completions::add, failure -> completions.add("failed: " + failure.getMessage()));
        return call;
    }

    private static String await(Single<String> call) {
        return call.timeout(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS).blockingGet();
    }

    @Test
    void fourBlockingCallsOfOneConnectionRunAtOnce() throws Exception {
        HubConnection client = connect(4);
        List<Single<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            // Each blocks its hub thread until all four are inside: they can only return if they ran together.
            calls.add(client.invoke(Integer.class, "meet", 4).cache());
        }
        for (Single<Integer> call : calls) {
            assertEquals(4, call.timeout(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS).blockingGet());
        }
    }

    @Test
    void completionsComeInTheOrderTheCallsFinishAndTheFifthWaitsForAPlace() throws Exception {
        HubConnection client = connect(4);
        List<String> completions = Collections.synchronizedList(new ArrayList<>());
        List<Single<String>> calls = new ArrayList<>();
        for (String name : List.of("A", "B", "C", "D", "E")) {
            calls.add(hold(client, name, completions));
        }
        Set<String> started = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            started.add(Await.next(recorder.started, "four calls to start"));
        }
        assertEquals(Set.of("A", "B", "C", "D"), started, "the first four in arrival order");

        recorder.release("C");
        assertEquals("C", await(calls.get(2)));
        assertEquals("E", Await.next(recorder.started, "the fifth to take the freed place"));
        recorder.release("B");
        assertEquals("B", await(calls.get(1)));
        assertEquals(List.of("C", "B"), List.copyOf(completions), "A, held, has not answered");
        for (String name : List.of("A", "D", "E")) {
            recorder.release(name);
        }
        for (Single<String> call : calls) {
            await(call);
        }
        assertEquals(List.of("C", "B"), completions.subList(0, 2));
    }

    @Test
    void withTheDefaultOfOneCallsRunOneAtATimeInArrivalOrder() throws Exception {
        HubConnection client = connect(1);
        List<String> completions = Collections.synchronizedList(new ArrayList<>());
        Single<String> first = hold(client, "A", completions);
        Single<String> second = hold(client, "B", completions);
        assertEquals("A", Await.next(recorder.started, "the first call to start"));
        // B, released first, would answer first if it ran beside A.
        recorder.release("B");
        assertNull(recorder.started.peek(), "B waits while A runs");
        recorder.release("A");
        assertEquals("A", await(first));
        assertEquals("B", await(second));
        assertEquals(List.of("A", "B"), List.copyOf(completions));
    }

    @Test
    void aStreamCancelledBeforeItsTurnStillRunsItsMethodWhichSeesTheCancellation() throws Exception {
        HubConnection client = connect(1);
        ReplaySubject<String> go = ReplaySubject.create();
        // Holds the connection's only place until the client uploads an item, which it does after the cancel.
        Single<String> holding = client.invoke(String.class, "holdUntilItem", go).cache();
        holding.subscribe(value -> { }, failure -> { });
        BlockingQueue<Integer> items = new LinkedBlockingQueue<>();
        Disposable stream = client.stream(Integer.class, "watchedStream").subscribe(items::add, failure -> { });
        stream.dispose();
        go.onNext("go");
        go.onComplete();

        assertEquals("go", await(holding));
        assertEquals("watchedStream", Await.next(recorder.streamsRun, "the cancelled stream's method to run"));
        assertEquals("watchedStream", Await.next(recorder.cancelled, "its publisher to be cancelled"));
        TestObserver<Integer> after = client.stream(Integer.class, "watchedStream").take(2).test();
        after.awaitDone(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS).assertValues(0, 1);
        assertTrue(items.isEmpty(), "the cancelled stream sent no item");
    }
}
