package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.TransportEnum;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.RawWebSocket;
import io.reactivex.rxjava3.core.Single;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link HubServer#close()} with the official Java client: new connections refused with 503, the running call
 * answered, calls not yet started refused, a Close that allows reconnecting over each transport, a bound on
 * the wait, the port free at once and no thread left behind.
 */
class ShutdownTest {

    private static final String REFUSED = "Failed to invoke 'add' because the server is shutting down.";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Await.TIMEOUT).build();

    @Test
    void theRunningCallAnswersCallsNotStartedAreRefusedAndClientsAreToldTheyMayReconnect() throws Exception {
        Injector injector = Guice.createInjector();
        ShutdownHub.Calls calls = injector.getInstance(ShutdownHub.Calls.class);
        HubServer server = HubServer.builder().port(0).hub("/shutdown", ShutdownHub.class).injector(injector)
                .build().start();
        int port = server.port();
        try (JavaClients clients = new JavaClients(port)) {
            HubConnection webSocket = clients.connect("/shutdown", builder -> builder.withTransport(TransportEnum.WEBSOCKETS));
            HubConnection longPolling = clients.connect("/shutdown",
                    builder -> builder.withTransport(TransportEnum.LONG_POLLING));
            BlockingQueue<String> closed = new LinkedBlockingQueue<>();
            webSocket.onClosed(error -> closed.add("WebSockets " + (error == null ? "clean" : error.getMessage())));
            longPolling.onClosed(error -> closed.add("LongPolling " + (error == null ? "clean" : error.getMessage())));

            // A client is told to go as soon as its running call has answered: give each one that runs.
            Single<String> running = webSocket.invoke(String.class, "slow", "first");
            Single<String> polled = longPolling.invoke(String.class, "slow", "second");
            assertEquals(Set.of("first", "second"),
                    Set.of(Await.next(calls.started, "a call to start"), Await.next(calls.started, "the other")));
            // Sent before close() begins or just after: either way it has not started, so it is refused.
            Single<Integer> waiting = webSocket.invoke(Integer.class, "add", 1, 2);
            CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
            Await.until(() -> negotiate(port).statusCode() == 503, "the server to refuse new connections");

            HttpResponse<String> negotiate = negotiate(port);
            assertEquals("Server is shutting down; try again later.", negotiate.body());
            assertTrue(negotiate.headers().firstValue("Retry-After").isPresent(), "503 says when to retry");
            ExecutionException upgrade = assertThrows(ExecutionException.class,
                    () -> RawWebSocket.connect(URI.create("ws://localhost:" + port + "/shutdown")));
            assertEquals(503, ((WebSocketHandshakeException) upgrade.getCause()).getResponse().statusCode());
            assertEquals(2, server.connectionCount(), "the refused requests created no connection");

            // Existing connections are still served, over WebSockets and over long polling's sends and polls.
            assertEquals(REFUSED, refusal(webSocket.invoke(Integer.class, "add", 2, 2)));
            assertEquals(REFUSED, refusal(longPolling.invoke(Integer.class, "add", 3, 3)));
            assertFalse(closing.isDone(), "close() waits for the running call");
            assertTrue(closed.isEmpty(), "no client is told to go before its running call answered: " + closed);

            calls.release.countDown();
            assertEquals("first done", running.timeout(10, TimeUnit.SECONDS).blockingGet());
            assertEquals("second done", polled.timeout(10, TimeUnit.SECONDS).blockingGet());
            assertEquals(REFUSED, refusal(waiting));
            closing.get(10, TimeUnit.SECONDS);
            assertEquals(Set.of("WebSockets clean", "LongPolling clean"),
                    Set.of(Await.next(closed, "a client to be closed"), Await.next(closed, "the other to be closed")));
            assertEquals(0, server.connectionCount());
            assertTrue(calls.interrupted.isEmpty(), "a call that finished in time is not interrupted");
        } finally {
            server.close();
        }
    }

    @Test
    void closeReturnsWithinItsTimeoutWhenACallNeverFinishesAndLeavesNoThreads() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        Duration timeout = Duration.ofSeconds(1);
        Injector injector = Guice.createInjector();
        ShutdownHub.Calls calls = injector.getInstance(ShutdownHub.Calls.class);
        HubServer server = HubServer.builder().port(0).hub("/shutdown", ShutdownHub.class).injector(injector)
                .shutdownTimeout(timeout).build().start();
        try (JavaClients clients = new JavaClients(server.port())) {
            HubConnection client = clients.connect("/shutdown");
            BlockingQueue<String> closed = new LinkedBlockingQueue<>();
            client.onClosed(error -> closed.add(error == null ? "clean" : error.getMessage()));
            CompletableFuture<Void> never = CompletableFuture.runAsync(
                    () -> client.invoke("never").blockingAwait(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            assertEquals("never", Await.next(calls.started, "the call to start"));

            List<String> threads = serverThreadsStarted(before);
            assertTrue(threads.stream().anyMatch(name -> name.startsWith("switchboard-hub-"))
                    && threads.stream().anyMatch(name -> name.startsWith("grizzly-nio-kernel")), "seen: " + threads);
            long start = System.nanoTime();
            server.close();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            // The documented bound is the timeout plus a few seconds; generous here, for a machine shared by builds.
            assertTrue(took.compareTo(timeout.plusSeconds(15)) < 0, "close() took " + took.toMillis() + " ms");

            assertEquals("clean", Await.next(closed, "the client to be told to go"));
            ExecutionException cut = assertThrows(ExecutionException.class, () -> never.get(10, TimeUnit.SECONDS));
            // The Close cuts it: the client cancels what it still awaited.
            assertTrue(cut.getCause() instanceof CancellationException, "the call ends with the connection: "
                    + cut.getCause());
            assertEquals("never", Await.next(calls.interrupted, "the call's thread to be interrupted"));
            // close() has stopped every pool; a thread may take a moment more to leave its run().
            Await.until(() -> serverThreadsStarted(before).isEmpty(), "the server's threads to end");
        } finally {
            server.close();
        }
    }

    @Test
    void anotherServerCanBindThePortAsSoonAsCloseReturns() throws Exception {
        HubServer first = HubServer.builder().port(0).hub("/shutdown", ShutdownHub.class).build().start();
        int port = first.port();
        try (JavaClients clients = new JavaClients(port)) {
            clients.connect("/shutdown", builder -> builder.withTransport(TransportEnum.WEBSOCKETS));
            clients.connect("/shutdown", builder -> builder.withTransport(TransportEnum.LONG_POLLING));
            first.close();
            try (HubServer second = HubServer.builder().port(port).hub("/shutdown", ShutdownHub.class).build()
                    .start()) {
                HubConnection client = clients.connect("/shutdown");
                assertEquals(5, client.invoke(Integer.class, "add", 2, 3).timeout(10, TimeUnit.SECONDS).blockingGet());
            }
        } finally {
            first.close();
        }
    }

    @Test
    void theShutdownTimeoutIsZeroOrMore() {
        assertThrows(IllegalArgumentException.class, () -> HubServer.builder().shutdownTimeout(Duration.ofSeconds(-1)));
        assertThrows(IllegalArgumentException.class, () -> HubServer.builder().shutdownTimeout(null));
    }

    private static String refusal(Single<Integer> call) {
        Exception error = assertThrows(Exception.class, () -> call.timeout(10, TimeUnit.SECONDS).blockingGet());
        return error.getMessage();
    }

    private static HttpResponse<String> negotiate(int port) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/shutdown/negotiate?negotiateVersion=1")).timeout(Await.TIMEOUT)
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The server's threads (ours, Grizzly's, Tyrus's) alive now that were not before it was built. */
    private static List<String> serverThreadsStarted(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread) && thread.isAlive())
                .map(Thread::getName)
                .filter(name -> {
                    String lower = name.toLowerCase(Locale.ROOT);
                    return lower.contains("switchboard") || lower.contains("grizzly") || lower.contains("tyrus");
                })
                .sorted()
                .toList();
    }
}
