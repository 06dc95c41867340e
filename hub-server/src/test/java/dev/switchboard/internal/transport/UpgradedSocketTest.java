package dev.switchboard.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.switchboard.ConnectionRequest;
import dev.switchboard.internal.connection.HubConnection;
import dev.switchboard.internal.connection.NoOpHandler;
import dev.switchboard.internal.protocol.CompletionMessage;
import dev.switchboard.internal.protocol.InvocationMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Once a WebSocket is open, Grizzly no longer holds its upgrade request (about 11 KB for each idle
 * connection), and the socket's frames still reach the hub, now past the HTTP codec; the hub connection
 * has the request's parts it keeps.
 */
class UpgradedSocketTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String RS = "\u001e";

    private final CompletableFuture<HubConnection> handshaken = new CompletableFuture<>();
    private final BlockingQueue<String> invoked = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private HubHost host;

    @BeforeEach
    void start() throws Exception {
        host = new HubHost(new RecordingHandler());
    }

    @AfterEach
    void stop() {
        host.close();
    }

    @Test
    void anOpenWebSocketIsReadPastTheHttpCodecWhichLetsItsRequestGo() throws Exception {
        WebSocket client = handshake("/hub");

        Connection<?> socket = ((WebSocketTransport) handshaken.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .transportSender()).socket();
        assertNotNull(socket);
        assertNull(socket.getAttributes().getAttribute(HttpServerFilter.HTTP_SERVER_REQUEST_ATTR_NAME),
                "Grizzly forgot the upgrade request");

        client.sendText("{\"type\":1,\"invocationId\":\"1\",\"target\":\"hello\",\"arguments\":[]}" + RS, true)
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertEquals("hello", invoked.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":\"hello\"}" + RS,
                received.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        client.abort();
    }

    @Test
    void theConnectionHasTheRequestItsWebSocketWasOpenedBy() throws Exception {
        WebSocket client = handshake("/hub?tenant=blue");

        ConnectionRequest request = handshaken.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).request();
        assertEquals("/hub", request.path());
        assertEquals("blue", request.queryParameter("tenant"));
        assertEquals("localhost:" + host.port(), request.header("host"));
        assertEquals("websocket", request.header("Upgrade"));
        assertNotNull(request.remoteAddress());
        client.abort();
    }

    private WebSocket handshake(String pathAndQuery) throws Exception {
        WebSocket client = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://localhost:" + host.port() + pathAndQuery), new Collector())
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        client.sendText("{\"protocol\":\"json\",\"version\":1}" + RS, true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertEquals("{}" + RS, received.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        return client;
    }

    /** Every whole text message the server sends. */
    private final class Collector implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(partial.toString());
                partial.setLength(0);
            }
            socket.request(1);
            return null;
        }
    }

    /** Records the handshake and answers each invocation with its target. */
    private final class RecordingHandler extends NoOpHandler {

        @Override
        public void onHandshake(HubConnection connection) {
            handshaken.complete(connection);
        }

        @Override
        public CompletionStage<Void> onInvocation(HubConnection connection, InvocationMessage invocation) {
            invoked.add(invocation.target());
            connection.send(CompletionMessage.withResult(invocation.invocationId(), invocation.target()));
            return CompletableFuture.completedFuture(null);
        }
    }
}
