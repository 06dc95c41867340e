package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.util.Types;
import com.microsoft.signalr.HubConnection;
import dev.switchboard.fixtures.ResultsHub;
import dev.switchboard.testing.Await;
import io.reactivex.rxjava3.core.Single;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Client results with the official Java client: from HubContext and from hub methods, and their failures. */
class ClientResultsTest {

    /** A value the client returns, to show that results bind to the hub's types. */
    public static final class Point {
        public int x;
        public int y;
    }

    private final Injector injector = Guice.createInjector(new SwitchboardModule(ResultsHub.class));
    private final HubContext<ResultsHub> context = injector.getInstance(SwitchboardModule.contextKey(ResultsHub.class));
    private HubServer server;
    private JavaClients clients;

    @BeforeEach
    void start() throws Exception {
        server = HubServer.builder().port(0).hub("/results", ResultsHub.class)
                .hub("/quick", ResultsHub.class, HubOptions.defaults().withClientResultTimeout(Duration.ofMillis(300)))
                .injector(injector).build().start();
        clients = new JavaClients(server.port());
    }

    @AfterEach
    void stop() {
        clients.close();
        server.close();
    }

    private HubConnection connect(String path, java.util.function.Consumer<HubConnection> handlers) {
        HubConnection connection = clients.build(path, builder -> builder);
        handlers.accept(connection);
        connection.start().blockingAwait(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return connection;
    }

    private SingleClientProxy client(HubConnection connection) {
        return context.clients().client(connection.getConnectionId());
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** The cause the future failed with. */
    private static Throwable failure(CompletableFuture<?> future) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> future.get(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        return e.getCause();
    }

    @Test
    void resultsOfSeveralTypesBindToTheRequestedType() throws Exception {
        HubConnection connection = connect("/results", c -> {
            c.onWithResult("number", () -> Single.just(42));
            c.onWithResult("upper", (String text) -> Single.just(text.toUpperCase()), String.class);
            c.onWithResult("point", (Integer x, Integer y) -> Single.just(Map.of("x", x, "y", y)), Integer.class,
                    Integer.class);
            c.onWithResult("words", (String text) -> Single.just(List.of(text.split(" "))), String.class);
            c.onWithResult("nothing", () -> Single.just(Map.of()));
        });
        SingleClientProxy client = client(connection);
        assertEquals(42, await(client.invoke(Integer.class, "number")));
        assertEquals("ABC", await(client.invoke(String.class, "upper", "abc")));
        Point point = await(client.invoke(Point.class, "point", 3, 4));
        assertEquals(List.of(3, 4), List.of(point.x, point.y));
        List<String> words = await(client.invoke(Types.listOf(String.class), "words", "a b c"));
        assertEquals(List.of("a", "b", "c"), words);
        assertEquals(Map.of(), await(client.invoke(Map.class, "nothing")));
        assertEquals(null, await(client.invoke(Void.class, "number")));
    }

    @Test
    void aResultOfTheWrongTypeFailsWithSignalRsWording() {
        HubConnection connection = connect("/results", c -> c.onWithResult("number", () -> Single.just("many")));
        Throwable failure = failure(client(connection).invoke(Integer.class, "number"));
        assertInstanceOf(HubException.class, failure);
        assertTrue(failure.getMessage().startsWith("Error trying to deserialize result to Integer. "),
                failure.getMessage());
    }

    @Test
    void aClientWithoutAHandlerAnswersWithAnError() {
        HubConnection connection = connect("/results", c -> { });
        Throwable failure = failure(client(connection).invoke(Integer.class, "missing"));
        assertInstanceOf(HubException.class, failure);
        // The Java client's words; the JavaScript clients say "Client didn't provide a result."
        assertEquals("Client did not provide a result.", failure.getMessage());
    }

    @Test
    void aHandlerErrorReachesTheServer() {
        HubConnection connection = connect("/results",
                c -> c.onWithResult("broken", () -> Single.<Integer>error(new IllegalStateException("out of ink"))));
        Throwable failure = failure(client(connection).invoke(Integer.class, "broken"));
        assertInstanceOf(HubException.class, failure);
        assertTrue(failure.getMessage().contains("out of ink"), failure.getMessage());
    }

    @Test
    void aResultThatTakesTooLongTimesOut() {
        HubConnection connection = connect("/quick", c -> c.onWithResult("never", () -> Single.<Integer>never()));
        CompletableFuture<Integer> result = client(connection).invoke(Integer.class, "never");
        Throwable failure = failure(result);
        assertInstanceOf(TimeoutException.class, failure);
        assertTrue(failure.getMessage().contains("did not answer 'never' within 300 ms"), failure.getMessage());
    }

    @Test
    void aClientThatDisconnectsFailsWhatIsPendingAtOnce() throws Exception {
        CompletableFuture<Void> asked = new CompletableFuture<>();
        HubConnection connection = connect("/results", c -> c.onWithResult("never", () -> {
            asked.complete(null);
            return Single.<Integer>never();
        }));
        String id = connection.getConnectionId();
        CompletableFuture<Integer> result = client(connection).invoke(Integer.class, "never");
        await(asked);
        connection.stop().blockingAwait(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        Throwable failure = failure(result);
        assertInstanceOf(IOException.class, failure);
        assertEquals("Connection '" + id + "' disconnected.", failure.getMessage());
        // The connection is gone now: a new invocation names it as unknown.
        Throwable unknown = failure(context.clients().client(id).invoke(Integer.class, "never"));
        assertEquals("Connection '" + id + "' does not exist.", unknown.getMessage());
    }

    @Test
    void anUnknownConnectionFailsAtOnce() {
        CompletableFuture<Integer> result = context.clients().client("nobody").invoke(Integer.class, "length", "x");
        assertTrue(result.isCompletedExceptionally());
        Throwable failure = failure(result);
        assertInstanceOf(IOException.class, failure);
        assertEquals("Connection 'nobody' does not exist.", failure.getMessage());
    }

    @Test
    void aHubMethodAwaitsTheCallersResultWithoutDeadlock() {
        HubConnection connection = connect("/results",
                c -> c.onWithResult("length", (String text) -> Single.just(text.length()), String.class));
        assertEquals(6, call(connection, "askCaller", "hello"));
        assertEquals(6, call(connection, "askCallerBlocking", "hello"));
        assertEquals(4, call(connection, "askCallerTyped", "four"));
        // The connection's next calls still run.
        assertEquals(2, call(connection, "askCaller", "a"));
    }

    @Test
    void aHubMethodAsksAnotherClient() {
        HubConnection asker = connect("/results", c -> { });
        HubConnection answerer = connect("/results",
                c -> c.onWithResult("length", (String text) -> Single.just(text.length() * 10), String.class));
        assertEquals(30, asker.invoke(Integer.class, "askClient", answerer.getConnectionId(), "abc")
                .timeout(10, TimeUnit.SECONDS).blockingGet());
    }

    @Test
    void aClientErrorFailsTheHubMethodThatAwaitedIt() {
        HubConnection connection = connect("/results", c -> c.onWithResult("length",
                (String text) -> Single.<Integer>error(new IllegalStateException("no ink")), String.class));
        Exception e = assertThrows(RuntimeException.class, () -> call(connection, "askCaller", "x"));
        assertTrue(e.getMessage().startsWith("An unexpected error occurred invoking 'askCaller' on the server. "
                + "HubException: "), e.getMessage());
        assertTrue(e.getMessage().contains("no ink"), e.getMessage());
    }

    private static int call(HubConnection connection, String method, String text) {
        return connection.invoke(Integer.class, method, text).timeout(10, TimeUnit.SECONDS).blockingGet();
    }
}
