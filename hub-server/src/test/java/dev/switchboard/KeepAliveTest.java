package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.signalr.HubConnection;
import dev.switchboard.fixtures.TestHub;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.RawWebSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Keep-alive Pings, the client timeout and the handshake timeout, with short configured intervals. */
class KeepAliveTest {

    private static HubServer start(HubOptions options) throws Exception {
        return HubServer.builder().port(0).hub("/test", TestHub.class).options(options).build().start();
    }

    private static URI uri(HubServer server) {
        return URI.create("ws://localhost:" + server.port() + "/test");
    }

    @Test
    void anIdleConnectionGetsPings() throws Exception {
        HubOptions options = HubOptions.defaults().withKeepAliveInterval(Duration.ofMillis(100));
        try (HubServer server = start(options); RawWebSocket client = RawWebSocket.handshaken(uri(server))) {
            assertEquals("{\"type\":6}", client.next());
            client.sendText("{\"type\":6}" + RawWebSocket.RS);
            assertEquals("{\"type\":6}", client.next());
        }
    }

    @Test
    void aSilentClientIsClosedWithAReason() throws Exception {
        HubOptions options = HubOptions.defaults().withKeepAliveInterval(Duration.ofMillis(100))
                .withClientTimeoutInterval(Duration.ofMillis(400));
        try (HubServer server = start(options); RawWebSocket client = RawWebSocket.handshaken(uri(server))) {
            String close = client.nextNonPing();
            assertEquals("{\"type\":7,\"error\":\"Server closed the connection: nothing received from the client "
                    + "for 400 ms.\",\"allowReconnect\":true}", close);
            assertEquals(1000, client.awaitClose());
        }
    }

    @Test
    void aClientThatKeepsPingingStaysConnectedPastTheTimeout() throws Exception {
        Duration timeout = Duration.ofSeconds(1);
        HubOptions options = HubOptions.defaults().withKeepAliveInterval(Duration.ofMillis(50))
                .withClientTimeoutInterval(timeout);
        try (HubServer server = start(options); RawWebSocket client = RawWebSocket.handshaken(uri(server))) {
            // Each server Ping is answered at once, so the client is never silent for anything near the timeout
            // (which is long, for a loaded machine's sake), until twice the timeout has passed.
            long end = System.nanoTime() + 2 * timeout.toNanos();
            while (System.nanoTime() < end) {
                assertEquals("{\"type\":6}", client.next());
                client.sendText("{\"type\":6}" + RawWebSocket.RS);
            }
            client.sendText("{\"type\":1,\"invocationId\":\"1\",\"target\":\"add\",\"arguments\":[1,1]}"
                    + RawWebSocket.RS);
            assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":2}", client.nextNonPing());
        }
    }

    @Test
    void theOfficialClientSeesTheTimeoutAsAnError() throws Exception {
        HubOptions options = HubOptions.defaults().withClientTimeoutInterval(Duration.ofMillis(500));
        try (HubServer server = start(options); JavaClients clients = new JavaClients(server.port())) {
            HubConnection client = clients.build("/test", builder -> builder.withKeepAliveInterval(60_000));
            BlockingQueue<String> closed = new LinkedBlockingQueue<>();
            // In place before the start: the timeout may close the connection right after its handshake.
            client.onClosed(error -> closed.add(String.valueOf(error == null ? null : error.getMessage())));
            client.start().blockingAwait(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            String error = Await.next(closed, "the client to be timed out");
            assertTrue(error.contains("nothing received from the client for 500 ms"), error);
        }
    }

    @Test
    void aTransportThatNeverSendsTheHandshakeIsClosed() throws Exception {
        HubOptions options = HubOptions.defaults().withHandshakeTimeout(Duration.ofMillis(200));
        try (HubServer server = start(options); RawWebSocket client = RawWebSocket.connect(uri(server))) {
            assertEquals("{\"error\":\"Handshake was canceled.\"}", client.next());
            assertEquals(1000, client.awaitClose());
        }
    }

    @Test
    void anIncompleteHandshakeIsClosedToo() throws Exception {
        // Long enough for the partial handshake to arrive first (after it, the socket may be closed).
        HubOptions options = HubOptions.defaults().withHandshakeTimeout(Duration.ofSeconds(1));
        try (HubServer server = start(options); RawWebSocket client = RawWebSocket.connect(uri(server))) {
            client.sendText("{\"protocol\":\"json\",");
            assertEquals("{\"error\":\"Handshake was canceled.\"}", client.next());
        }
    }
}
