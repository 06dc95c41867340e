package dev.switchboard.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import com.microsoft.signalr.TransportEnum;
import dev.switchboard.spring.app.TestApplication;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.EventStream;
import dev.switchboard.testing.RawHttp;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Closing the application drains the hubs before the web server's graceful shutdown: held long polls, event streams
 * and WebSockets are ended by the hubs, whose clients are told to go, rather than waited for until the graceful
 * shutdown's timeout (30 s here) and then cut.
 */
class GracefulShutdownTest {

    private static final long TIMEOUT = Await.TIMEOUT.toSeconds();

    @Test
    void closingTheApplicationEndsEveryTransportWithoutWaitingForTheGracefulShutdownsTimeout() throws Exception {
        ConfigurableApplicationContext application = new SpringApplicationBuilder(TestApplication.class)
                .properties("server.port=0", "server.shutdown=graceful",
                        "spring.lifecycle.timeout-per-shutdown-phase=30s", "switchboard.shutdown-timeout=2s")
                .run();
        int port = Integer.parseInt(application.getEnvironment().getProperty("local.server.port"));
        HubConnection sockets = start(port, TransportEnum.WEBSOCKETS);
        HubConnection polling = start(port, TransportEnum.LONG_POLLING);
        CompletableFuture<Void> socketsClosed = closed(sockets);
        CompletableFuture<Void> pollingClosed = closed(polling);
        RawHttp raw = new RawHttp(port, "/chat");
        String token = raw.negotiate();
        try (EventStream stream = EventStream.open("http://localhost:" + port + "/chat?id=" + token)) {
            raw.post(token, dev.switchboard.testing.RawWebSocket.JSON_HANDSHAKE);
            assertEquals("{}", stream.next());
            long started = System.nanoTime();
            application.close();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertTrue(took.compareTo(Duration.ofSeconds(15)) < 0, "closing took " + took);
            socketsClosed.get(TIMEOUT, TimeUnit.SECONDS);
            pollingClosed.get(TIMEOUT, TimeUnit.SECONDS);
            assertEquals("{\"type\":7,\"allowReconnect\":true}", stream.nextNonPing());
        }
    }

    private static HubConnection start(int port, TransportEnum transport) {
        HubConnection connection = HubConnectionBuilder.create("http://localhost:" + port + "/chat")
                .withTransport(transport).build();
        connection.start().blockingAwait(TIMEOUT, TimeUnit.SECONDS);
        return connection;
    }

    private static CompletableFuture<Void> closed(HubConnection connection) {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        connection.onClosed(error -> closed.complete(null));
        return closed;
    }
}
