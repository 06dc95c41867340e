package dev.switchboard.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.ConnectionHandler;
import dev.switchboard.HubServer;
import dev.switchboard.RawConnection;
import dev.switchboard.servlet.ServletContainer.Kind;
import dev.switchboard.spi.host.HubHost;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.NodeContract;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A connection handler in each container, with the official JavaScript client's raw connection
 * ({@code HttpConnection}) in Node: hub-server's {@code connection-handler.mjs}, over WebSockets and long polling in
 * both transfer formats. Not over Server-Sent Events: a container notices an event stream its client closed only
 * when it next writes to it, and a raw connection, unlike a hub's, sends no keep-alive, so the stream is held until
 * the container's own timeout and the container cannot stop before. Outside CI a missing {@code node} skips it; in
 * CI it fails.
 */
class ServletConnectionHandlerTest {

    /** The echo {@code connection-handler.mjs} expects: {@code close} closes, {@code user} names the user. */
    public static final class Echo implements ConnectionHandler {

        @Override
        public void onConnected(RawConnection connection) {
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
        HubHost host = HubServer.builder().connectionHandler("/echo", Echo.class).buildHost();
        try (ServletContainer container = ServletContainer.hosting(kind, host)) {
            String output = NodeContract.runShared("hub-server", "connection-handler.mjs",
                    "http://127.0.0.1:" + container.port() + "/echo", "official", "WebSockets",
                    "LongPolling");
            assertEquals("""
                    WebSockets Text: ok
                    WebSockets Binary: ok
                    LongPolling Text: ok
                    LongPolling Binary: ok""", output);
            Await.until(() -> host.connectionCount() == 0, "every connection to end");
        }
    }
}
