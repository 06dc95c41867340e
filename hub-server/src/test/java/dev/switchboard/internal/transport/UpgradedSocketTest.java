package dev.switchboard.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.switchboard.ConnectionRequest;
import dev.switchboard.internal.http.HubHost;
import dev.switchboard.internal.connection.HubConnectionContext;
import dev.switchboard.internal.connection.Uploads;
import dev.switchboard.internal.connection.NoOpHandler;
import dev.switchboard.internal.protocol.CompletionMessage;
import dev.switchboard.internal.protocol.InvocationMessage;
import dev.switchboard.testing.TextWebSocket;
import java.net.URI;
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

    private final CompletableFuture<HubConnectionContext> handshaken = new CompletableFuture<>();
    private final BlockingQueue<String> invoked = new LinkedBlockingQueue<>();
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
        TextWebSocket client = handshake("/hub");

        Connection<?> socket = ((WebSocketTransport) handshaken.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .transportSender()).socket();
        assertNotNull(socket);
        assertNull(socket.getAttributes().getAttribute(HttpServerFilter.HTTP_SERVER_REQUEST_ATTR_NAME),
                "Grizzly forgot the upgrade request");

        client.send("{\"type\":1,\"invocationId\":\"1\",\"target\":\"hello\",\"arguments\":[]}" + RS);
        assertEquals("hello", invoked.poll(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":\"hello\"}" + RS, client.next());
        client.close();
    }

    @Test
    void theConnectionHasTheRequestItsWebSocketWasOpenedBy() throws Exception {
        TextWebSocket client = handshake("/hub?tenant=blue");

        ConnectionRequest request = handshaken.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).caller().request();
        assertEquals("/hub", request.path());
        assertEquals("blue", request.queryParameter("tenant"));
        assertEquals("localhost:" + host.port(), request.header("host"));
        assertEquals("websocket", request.header("Upgrade"));
        assertNotNull(request.remoteAddress());
        client.close();
    }

    private TextWebSocket handshake(String pathAndQuery) throws Exception {
        TextWebSocket client = TextWebSocket.connect(URI.create("ws://localhost:" + host.port() + pathAndQuery));
        client.send("{\"protocol\":\"json\",\"version\":1}" + RS);
        assertEquals("{}" + RS, client.next());
        return client;
    }

    /** Records the handshake and answers each invocation with its target. */
    private final class RecordingHandler extends NoOpHandler {

        @Override
        public void onHandshake(HubConnectionContext connection) {
            handshaken.complete(connection);
        }

        @Override
        public CompletionStage<Void> onInvocation(HubConnectionContext connection, InvocationMessage invocation,
                                                      Uploads uploads) {
            invoked.add(invocation.target());
            connection.send(CompletionMessage.withResult(invocation.invocationId(), invocation.target()));
            return CompletableFuture.completedFuture(null);
        }
    }
}
