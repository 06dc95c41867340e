package dev.switchboard.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.spring.app.TestApplication;
import dev.switchboard.testing.NodeContract;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The test application with the official JavaScript client ({@code @microsoft/signalr}) in Node over WebSockets,
 * Server-Sent Events and long polling: calls into a hub with an injected service and a filter bean, a broadcast,
 * an error, Spring Security's user and roles with {@code @Authorize}, and the 401 for a user that security requires.
 * In MessagePack ({@code @microsoft/signalr-protocol-msgpack}) the same over WebSockets and long polling, SSE being
 * refused. Outside CI a missing {@code node} skips it; in CI it fails.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "switchboard.hub.enable-detailed-errors=true")
class StarterNodeClientTest {

    @Value("${local.server.port}")
    private int port;

    @Test
    void officialJavaScriptClientOverEveryTransport() throws Exception {
        assertEquals("WebSockets: ok\nServerSentEvents: ok\nLongPolling: ok",
                NodeContract.run("starter-contract.mjs", "http://127.0.0.1:" + port));
    }

    @Test
    void officialJavaScriptClientInMessagePack() throws Exception {
        assertEquals("WebSockets: ok\nServerSentEvents: refused\nLongPolling: ok",
                NodeContract.run("starter-contract.mjs", "http://127.0.0.1:" + port, "messagepack"));
    }
}
