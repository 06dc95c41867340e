package dev.switchboard.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.ConnectionHandler;
import dev.switchboard.HubOptions;
import dev.switchboard.HubServer;
import dev.switchboard.RawConnection;
import dev.switchboard.servlet.ServletContainer.Kind;
import dev.switchboard.spi.host.HubHost;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.NodeContract;
import dev.switchboard.testing.RawHttp;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A connection handler in each container, with the official JavaScript client's raw connection
 * ({@code HttpConnection}) in Node: hub-server's {@code connection-handler.mjs}, over every transport and transfer
 * format; and a client that leaves its event stream. A container notices an event stream its client closed only
 * when it next writes to it: the raw connection's keep-alive comment, sent here every 100 ms, is that write. Outside
 * CI a missing {@code node} skips the Node test; in CI it fails.
 */
class ServletConnectionHandlerTest {

    /** Short, so that the clients' echoes run between keep-alives, and a departed client is noticed soon. */
    private static final HubOptions OPTIONS = HubOptions.defaults().withKeepAliveInterval(Duration.ofMillis(100));

    /** The echo {@code connection-handler.mjs} expects: {@code close} closes, {@code user} names the user. */
    public static final class Echo implements ConnectionHandler {

        /** How many connections the handler heard end. */
        static final AtomicInteger CLOSED = new AtomicInteger();

        @Override
        public void onConnected(RawConnection connection) {
            connection.onClose(error -> CLOSED.incrementAndGet());
            connection.onMessage(message -> {
                if (message.isText() && message.text().equals("close")) {
                    connection.close();
                } else if (message.isText() && message.text().equals("user")) {
                    connection.send(connection.user() == null ? "anonymous" : connection.user().userId());
                } else {
                    connection.send(message);
                }
            });
        }
    }

    static java.util.List<Kind> containers() {
        return ServletContainer.available();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containers")
    void officialClientsRawConnection(Kind kind) throws Exception {
        HubHost host = HubServer.builder().connectionHandler("/echo", Echo.class, OPTIONS).buildHost();
        try (ServletContainer container = ServletContainer.hosting(kind, host)) {
            String output = NodeContract.runShared("hub-server", "connection-handler.mjs",
                    "http://127.0.0.1:" + container.port() + "/echo", "official");
            assertEquals("""
                    WebSockets Text: ok
                    WebSockets Binary: ok
                    ServerSentEvents Text: ok
                    LongPolling Text: ok
                    LongPolling Binary: ok""", output);
            Await.until(() -> host.connectionCount() == 0, "every connection to end");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containers")
    void aClientThatLeavesItsEventStreamIsNoticedAtTheNextKeepAlive(Kind kind) throws Exception {
        HubHost host = HubServer.builder().connectionHandler("/echo", Echo.class, OPTIONS).buildHost();
        int closedBefore = Echo.CLOSED.get();
        try (ServletContainer container = ServletContainer.hosting(kind, host)) {
            String token = new RawHttp(container.port(), "/echo").negotiate();
            try (Socket socket = new Socket("127.0.0.1", container.port())) {
                socket.setSoTimeout((int) Await.TIMEOUT.toMillis());
                socket.getOutputStream().write(("GET /echo?id=" + token + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                awaitFirstComment(socket.getInputStream());
                assertEquals(1, host.connectionCount());
            }
            Await.until(() -> host.connectionCount() == 0, "the connection whose client left to end");
            Await.until(() -> Echo.CLOSED.get() == closedBefore + 1, "the handler to hear that it ended");
        }
    }

    /** Reads the response's head and the body's first comment line. */
    private static void awaitFirstComment(InputStream in) throws Exception {
        StringBuilder read = new StringBuilder();
        int head = -1;
        while (head < 0 || read.indexOf(":\r\n", head) < 0) {
            int next = in.read();
            if (next < 0) {
                throw new AssertionError("The stream ended before its first comment: " + read);
            }
            read.append((char) next);
            if (head < 0 && read.indexOf("\r\n\r\n") >= 0) {
                head = read.indexOf("\r\n\r\n") + 4;
            }
        }
    }
}
