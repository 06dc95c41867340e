package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.fixtures.EchoConnectionHandler;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.NodeContract;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A connection handler with the official JavaScript client's raw connection ({@code HttpConnection} of
 * {@code @microsoft/signalr}, which its functional tests use for their echo endpoint) and with ours (the
 * {@code HttpConnection} of hub-client-js's sources; neither package exports it) in Node, over every transport and
 * transfer format: {@code src/test/node/connection-handler.mjs}. Outside CI a missing {@code node}
 * skips it; in CI it fails.
 */
class ConnectionHandlerNodeTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"official", "switchboard"})
    void rawConnection(String client) throws Exception {
        try (HubServer server = HubServer.builder().port(0)
                .connectionHandler("/echo", EchoConnectionHandler.class).build().start()) {
            String output = NodeContract.run("connection-handler.mjs", "http://127.0.0.1:" + server.port() + "/echo",
                    client);
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
