package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.fixtures.TestHub;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.TextWebSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
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
        TextWebSocket client = TextWebSocket.connect(URI.create("ws://localhost:" + server.port() + "/test"),
                Map.of("Switchboard-Upgrading-Socket", List.of("1", "2")));

        client.send("{\"protocol\":\"json\",\"version\":1}" + RS);
        assertEquals("{}" + RS, client.next());
        client.send("{\"type\":1,\"invocationId\":\"1\",\"target\":\"echo\",\"arguments\":[\"hi\"]}" + RS);
        assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":\"hi\"}" + RS, client.next());
        client.close(1000, "");
        Await.until(() -> server.connectionCount() == 0, "the connection to end");
    }
}
