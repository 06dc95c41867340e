package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.fixtures.TestHub;
import dev.switchboard.testing.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The socket under a WebSocket upgrade is handed from the HTTP codec to the upgrade gate in a request header the
 * server sets: a client that sends that header itself, once or several times, still gets its own socket.
 */
class UpgradeHandOffTest {

    private static final String RS = "\u001e";
    private static HubServer server;

    @BeforeAll
    static void start() throws Exception {
        server = HubServer.builder().port(0).hub("/test", TestHub.class).build().start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aClientSendingTheHandOffHeaderItselfStillGetsItsOwnSocket() throws Exception {
        Texts texts = new Texts();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Switchboard-Upgrading-Socket", "1")
                .header("Switchboard-Upgrading-Socket", "2")
                .buildAsync(URI.create("ws://localhost:" + server.port() + "/test"), texts)
                .get(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);

        socket.sendText("{\"protocol\":\"json\",\"version\":1}" + RS, true);
        assertEquals("{}" + RS, Await.next(texts.received, "the handshake reply"));
        socket.sendText("{\"type\":1,\"invocationId\":\"1\",\"target\":\"echo\",\"arguments\":[\"hi\"]}" + RS, true);
        assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":\"hi\"}" + RS,
                Await.next(texts.received, "the echo's completion"));
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        Await.until(() -> server.connectionCount() == 0, "the connection to end");
    }

    /** Collects whole text messages. */
    private static final class Texts implements WebSocket.Listener {

        final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
