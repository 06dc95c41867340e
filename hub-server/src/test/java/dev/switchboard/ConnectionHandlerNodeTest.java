package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.fixtures.EchoConnectionHandler;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.NodeContract;
import org.junit.jupiter.api.Test;

/**
 * A connection handler with the official JavaScript client's raw connection ({@code HttpConnection} of
 * {@code @microsoft/signalr}, which its functional tests use for their echo endpoint) in Node, over every
 * transport and transfer format: {@code src/test/node/connection-handler.mjs}. Outside CI a missing {@code node}
 * skips it; in CI it fails.
 */
class ConnectionHandlerNodeTest {

    @Test
    void officialClientsRawConnection() throws Exception {
        try (HubServer server = HubServer.builder().port(0)
                .connectionHandler("/echo", EchoConnectionHandler.class).build().start()) {
            String output = NodeContract.run("connection-handler.mjs", "http://127.0.0.1:" + server.port() + "/echo");
            assertEquals("""
                    WebSockets Text: ok
                    WebSockets Binary: ok
                    ServerSentEvents Text: ok
                    LongPolling Text: ok
                    LongPolling Binary: ok""", output);
            Await.until(() -> server.connectionCount() == 0, "every connection to end");
        }
    }
}
