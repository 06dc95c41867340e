package dev.switchboard.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Singleton;
import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import com.microsoft.signalr.TransportEnum;
import dev.switchboard.Hub;
import dev.switchboard.HubMethod;
import dev.switchboard.HubServer;
import dev.switchboard.servlet.ServletContainer.Kind;
import dev.switchboard.spi.host.HubHost;
import dev.switchboard.testing.Await;
import io.reactivex.rxjava3.core.Single;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stopping the servlet context drains the hubs as the embedded server's close does: the call running on each
 * client (WebSockets and long polling) answers, then the WebSocket client is told to go with a Close that lets it
 * reconnect elsewhere, and the context's stop returns once no connection is left. (Long polling's Close needs a
 * next poll, which a stopping context may no longer be routed.)
 */
class ServletShutdownTest {

    static Stream<Kind> containers() {
        return ServletContainer.available().stream();
    }

    @ParameterizedTest
    @MethodSource("containers")
    void theRunningCallsAnswerThenClientsAreToldTheyMayReconnect(Kind kind) throws Exception {
        Injector injector = Guice.createInjector();
        DrainHub.Calls calls = injector.getInstance(DrainHub.Calls.class);
        HubHost host = HubServer.builder().hub("/drain", DrainHub.class).injector(injector).buildHost();
        try (ServletContainer container = ServletContainer.hosting(kind, host)) {
            String url = "http://127.0.0.1:" + container.port() + "/drain";
            HubConnection webSocket = HubConnectionBuilder.create(url).withTransport(TransportEnum.WEBSOCKETS).build();
            HubConnection longPolling = HubConnectionBuilder.create(url).withTransport(TransportEnum.LONG_POLLING)
                    .build();
            BlockingQueue<String> closed = new LinkedBlockingQueue<>();
            webSocket.onClosed(error -> closed.add("WebSockets " + (error == null ? "clean" : error.getMessage())));
            longPolling.onClosed(error -> closed.add("LongPolling " + (error == null ? "clean" : error.getMessage())));
            webSocket.start().blockingAwait(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            longPolling.start().blockingAwait(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);

            Single<String> running = webSocket.invoke(String.class, "slow", "first").cache();
            Single<String> polled = longPolling.invoke(String.class, "slow", "second").cache();
            running.subscribe((value, error) -> { });
            polled.subscribe((value, error) -> { });
            assertEquals(Set.of("first", "second"),
                    Set.of(Await.next(calls.started, "a call to start"), Await.next(calls.started, "the other")));
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> {
                try {
                    container.stopContext();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Await.until(() -> host.connectionCount() == 2 && calls.stopping(), "the drain to begin");
            assertTrue(closed.isEmpty(), "no client is told to go before its running call answered: " + closed);

            calls.release.countDown();
            assertEquals("first done", running.timeout(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS).blockingGet());
            assertEquals("second done", polled.timeout(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS).blockingGet());
            stopping.get(30, TimeUnit.SECONDS);
            Set<String> ends = Set.of(Await.next(closed, "a client to be closed"),
                    Await.next(closed, "the other to be closed"));
            assertTrue(ends.contains("WebSockets clean"), "the WebSocket is told it may reconnect: " + ends);
            // A stopping context is no longer routed by the container, so a long-polling client's next poll may
            // be answered 404 by the container rather than with the hubs' Close: it ends, its running call answered.
            assertTrue(ends.stream().anyMatch(end -> end.startsWith("LongPolling")), String.valueOf(ends));
            assertEquals(0, host.connectionCount());
        }
    }

    /** A call that holds a hub thread until the test lets it go. */
    public static class DrainHub extends Hub {

        /** What the calls did. */
        @Singleton
        public static class Calls {
            final BlockingQueue<String> started = new LinkedBlockingQueue<>();
            final CountDownLatch release = new CountDownLatch(1);

            boolean stopping() {
                return Thread.getAllStackTraces().keySet().stream().anyMatch(thread -> Stream.of(thread.getStackTrace())
                        .anyMatch(frame -> frame.getMethodName().equals("contextDestroyed")));
            }
        }

        private final Calls calls;

        @Inject
        public DrainHub(Calls calls) {
            this.calls = calls;
        }

        @HubMethod
        public String slow(String value) throws InterruptedException {
            calls.started.add(value);
            calls.release.await();
            return value + " done";
        }
    }
}
