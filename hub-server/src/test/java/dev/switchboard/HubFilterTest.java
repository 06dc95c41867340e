package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.microsoft.signalr.HubConnection;
import dev.switchboard.testing.Await;
import io.reactivex.rxjava3.observers.TestObserver;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Hub filters with the official Java client: order, short-circuits, streams, connects, Guice and build errors. */
class HubFilterTest {

    private final Injector injector = Guice.createInjector();
    private final FilteredHub.Trace trace = injector.getInstance(FilteredHub.Trace.class);

    private HubServer.Builder server() {
        return HubServer.builder().port(0).injector(injector).hub("/filtered", FilteredHub.class);
    }

    private static String errorOf(HubConnection client, String method, Object... args) {
        return assertThrows(com.microsoft.signalr.HubException.class,
                () -> client.invoke(String.class, method, args).timeout(10, TimeUnit.SECONDS).blockingGet())
                .getMessage();
    }

    private static String invoke(HubConnection client, String method, Object... args) {
        return client.invoke(String.class, method, args).timeout(10, TimeUnit.SECONDS).blockingGet();
    }

    /** A started connection once the hub's onConnected has run, with the trace emptied. */
    private HubConnection connect(JavaClients clients, String path) throws InterruptedException {
        HubConnection client = clients.connect(path);
        assertEquals("connect", Await.next(trace.lifecycle, "onConnected"));
        trace.take();
        return client;
    }

    @Test
    void everyHubFiltersRunFirstInRegistrationOrderThenTheHubsOwn() throws Exception {
        HubFilter instance = new FilteredHub.Tracing(trace, "instance") {
        };
        try (HubServer server = server().hub("/other", FilteredHub.Other.class)
                .filter(FilteredHub.class, FilteredHub.Own.class)
                .filter(FilteredHub.First.class)
                .filter(instance)
                .filter(FilteredHub.Second.class)
                .build().start();
             JavaClients clients = new JavaClients(server.port())) {
            HubConnection client = clients.connect("/filtered");
            assertEquals("connect", Await.next(trace.lifecycle, "onConnected"));
            assertEquals(List.of("first connect", "instance connect", "second connect", "own connect", "hub connect"),
                    trace.take());

            assertEquals("hi", invoke(client, "echo", "hi"));
            assertEquals(List.of("first > echo", "instance > echo", "second > echo", "own > echo", "hub echo",
                    "own <", "second <", "instance <", "first <"), trace.take());

            HubConnection other = connect(clients, "/other");
            assertEquals("hi", invoke(other, "echo", "hi"));
            assertEquals(List.of("first > echo", "instance > echo", "second > echo", "hub echo", "second <",
                    "instance <", "first <"), trace.take());

            other.stop().blockingAwait(10, TimeUnit.SECONDS);
            assertEquals("disconnect", Await.next(trace.lifecycle, "onDisconnected"));
            assertEquals(List.of("first disconnect clean", "instance disconnect clean", "second disconnect clean",
                    "hub disconnect"), trace.take());
        }
    }

    @Test
    void aHubExceptionFromAFilterFailsTheCallWithItsMessageAndTheMethodDoesNotRun() throws Exception {
        try (HubServer server = server().filter(FilteredHub.Gate.class).filter(FilteredHub.First.class)
                .build().start();
             JavaClients clients = new JavaClients(server.port())) {
            HubConnection client = connect(clients, "/filtered");
            assertEquals("An unexpected error occurred invoking 'secret' on the server. HubException: Access to "
                    + "secret denied", errorOf(client, "secret"));
            assertEquals(List.of(), trace.take());
            assertEquals("open", invoke(client, "echo", "open"));
        }
    }

    @Test
    void aValidationFilterRejectsAnArgumentAndMayPassOnOthersChanged() throws Exception {
        try (HubServer server = server().filter(FilteredHub.class, FilteredHub.Validation.class).build().start();
             JavaClients clients = new JavaClients(server.port())) {
            HubConnection client = connect(clients, "/filtered");
            assertEquals("An unexpected error occurred invoking 'echo' on the server. HubException: Argument 1 of "
                    + "echo must not be blank", errorOf(client, "echo", "  "));
            assertEquals("trimmed", invoke(client, "echo", "  trimmed "));
        }
    }

    @Test
    void filtersRunAroundFireAndForgetCalls() throws Exception {
        try (HubServer server = server().filter(FilteredHub.Validation.class).build().start();
             JavaClients clients = new JavaClients(server.port())) {
            HubConnection client = connect(clients, "/filtered");
            client.send("note", " ");
            client.send("note", " kept ");
            assertEquals("kept", Await.next(trace.notes, "the note that passed"));
            assertNull(trace.notes.poll());
        }
    }

    @Test
    void aFilterMayAnswerAnAsynchronousMethodWithAPlainValue() throws Exception {
        try (HubServer server = server().filter(FilteredHub.Cache.class).build().start();
             JavaClients clients = new JavaClients(server.port())) {
            HubConnection client = connect(clients, "/filtered");
            assertEquals("cached x", invoke(client, "later", "x"));
            assertEquals("y", invoke(client, "echo", "y"));
        }
    }

    @Test
    void filtersRunAroundTheCallThatProducesAStream() throws Exception {
        try (HubServer server = server().filter(FilteredHub.First.class).filter(FilteredHub.StreamLimit.class)
                .build().start();
             JavaClients clients = new JavaClients(server.port())) {
            HubConnection client = connect(clients, "/filtered");
            assertEquals(List.of(0, 1, 2), client.stream(Integer.class, "count", 3).toList()
                    .timeout(10, TimeUnit.SECONDS).blockingGet());
            assertEquals(List.of("first > count", "hub count", "first <"), trace.take());

            TestObserver<Integer> refused = client.stream(Integer.class, "count", 11).test();
            assertTrue(refused.await(10, TimeUnit.SECONDS), "the refused stream ended");
            refused.assertNoValues().assertError(e -> e.getMessage().equals(
                    "An unexpected error occurred invoking 'count' on the server. HubException: At most 10 items"));
            assertEquals(List.of("first > count", "first <"), trace.take());
        }
    }

    @Test
    void aRateLimitingFilterRefusesCallsOverItsLimitPerConnection() throws Exception {
        try (HubServer server = server().filter(FilteredHub.class, FilteredHub.RateLimit.class).build().start();
             JavaClients clients = new JavaClients(server.port())) {
            HubConnection first = connect(clients, "/filtered");
            HubConnection second = connect(clients, "/filtered");
            assertEquals("1", invoke(first, "echo", "1"));
            assertEquals("2", invoke(first, "echo", "2"));
            assertEquals("An unexpected error occurred invoking 'echo' on the server. HubException: Too many calls: "
                    + "at most 2 a minute", errorOf(first, "echo", "3"));
            assertEquals("other", invoke(second, "echo", "other"));
        }
    }

    @Test
    void aFilterPassingOnAMethodOfAnotherClassFailsTheCallClearly() throws Exception {
        try (HubServer server = server().filter(FilteredHub.Redirect.class)
                .options(HubOptions.defaults().withEnableDetailedErrors(true)).build().start();
             JavaClients clients = new JavaClients(server.port())) {
            HubConnection client = connect(clients, "/filtered");
            String error = errorOf(client, "echo", "x");
            assertTrue(error.startsWith("An unexpected error occurred invoking 'echo' on the server. "
                    + "IllegalArgumentException: A hub filter passed on a call of public java.lang.String "
                    + "java.lang.Object.toString(), which is not a hub method of FilteredHub"), error);
        }
    }

    @Test
    void aFilterThatThrowsOnConnectRefusesTheConnection() throws Exception {
        try (HubServer server = server().filter(FilteredHub.First.class)
                .filter(FilteredHub.class, FilteredHub.Doorman.class).build().start();
             JavaClients clients = new JavaClients(server.port())) {
            HubConnection client = clients.build("/filtered", UnaryOperator.identity());
            BlockingQueue<String> closed = new LinkedBlockingQueue<>();
            // In place before the start: the refusal may arrive right behind the handshake.
            client.onClosed(error -> closed.add(String.valueOf(error == null ? null : error.getMessage())));
            client.start().blockingAwait(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            String error = Await.next(closed, "the connection to be refused");
            assertTrue(error.contains("Connection closed with an error. HubException: No entry for "), error);
            // Neither the hub's onConnected nor, since it never connected, its onDisconnected ran.
            assertEquals(List.of("first connect"), trace.take());
            assertNull(trace.lifecycle.poll());
        }
    }

    @Test
    void aDisconnectFilterSeesWhyTheConnectionEnded() throws Exception {
        try (HubServer server = server().filter(FilteredHub.First.class)
                .options(HubOptions.defaults().withMaximumReceiveMessageSize(256)).build().start();
             JavaClients clients = new JavaClients(server.port())) {
            HubConnection client = connect(clients, "/filtered");
            client.send("note", "x".repeat(1000));
            assertEquals("disconnect", Await.next(trace.lifecycle, "onDisconnected"));
            assertEquals(List.of("first disconnect ProtocolException", "hub disconnect"), trace.take());
        }
    }

    @Test
    void filtersComeFromGuiceSharedWhenSingletonFreshOtherwise() throws Exception {
        try (HubServer server = server().filter(FilteredHub.SharedCounter.class)
                .filter(FilteredHub.FreshCounter.class).build().start();
             JavaClients clients = new JavaClients(server.port())) {
            HubConnection client = connect(clients, "/filtered");
            for (int i = 0; i < 3; i++) {
                invoke(client, "echo", "call " + i);
            }
            assertEquals(1, trace.shared.size());
            assertEquals(3, trace.fresh.size());
        }
    }

    public interface Unbound {
    }

    public static class NeedsUnbound implements HubFilter {
        @Inject
        public NeedsUnbound(Unbound missing) {
        }
    }

    @Test
    void aFilterGuiceCannotCreateFailsTheBuild() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> server().filter(NeedsUnbound.class).build());
        assertTrue(error.getMessage().startsWith("Guice cannot create hub filter " + NeedsUnbound.class.getName()),
                error.getMessage());
        assertTrue(error.getMessage().contains("Unbound"), error.getMessage());
    }

    @Test
    void aFilterForAnUnmappedHubFailsTheBuild() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> server().filter(FilteredHub.Other.class, FilteredHub.Gate.class).build());
        assertTrue(error.getMessage().contains(FilteredHub.Other.class.getName() + ", which is not mapped"),
                error.getMessage());
    }
}
