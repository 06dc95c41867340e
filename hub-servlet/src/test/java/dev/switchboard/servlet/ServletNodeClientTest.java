package dev.switchboard.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.HubOptions;
import dev.switchboard.servlet.ServletContainer.Kind;
import dev.switchboard.HubServer;
import dev.switchboard.spi.host.HubHost;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.NodeContract;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * hub-server's hub contract ({@code hub-contract.mjs}) with the official JavaScript client ({@code @microsoft/signalr})
 * in Node, on each container, in JSON over WebSockets, Server-Sent Events and long polling, and in MessagePack
 * ({@code @microsoft/signalr-protocol-msgpack}) over WebSockets and long polling, SSE being refused: calls,
 * errors, filters, groups, streams both ways, client results, users and authentication, byte arrays and dates, and
 * the bundled client served at {@code /switchboard/}. Outside CI a missing {@code node} skips it; in CI it fails.
 */
class ServletNodeClientTest {

    static Stream<Arguments> containersAndProtocols() {
        return ServletContainer.available().stream().flatMap(kind -> Stream.of(
                Arguments.of(kind, HubOptions.JSON, "WebSockets: ok\nServerSentEvents: ok\nLongPolling: ok"),
                Arguments.of(kind, HubOptions.MESSAGEPACK,
                        "WebSockets: ok\nServerSentEvents: refused\nLongPolling: ok")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("containersAndProtocols")
    void officialJavaScriptClient(Kind kind, String protocol, String expected) throws Exception {
        HubHost host = ContractHubs.apply(HubServer.builder()).buildHost();
        try (ServletContainer container = ServletContainer.hosting(kind, host)) {
            String output = NodeContract.runShared("hub-server", "hub-contract.mjs",
                    "http://127.0.0.1:" + container.port(), protocol);
            assertEquals(expected, output);
            // Every client stopped: each transport's end reached the hubs. Jetty may notice a closed event stream
            // only when a keep-alive write to it fails, or the client timeout (30 s) ends it.
            Await.until(() -> host.connectionCount() == 0, Duration.ofSeconds(60), "every connection to end");
        }
    }
}
