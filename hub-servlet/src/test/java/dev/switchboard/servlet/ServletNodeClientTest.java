package dev.switchboard.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.servlet.ServletContainer.Kind;
import dev.switchboard.HubServer;
import dev.switchboard.spi.host.HubHost;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.NodeContract;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hub contract with the official JavaScript client ({@code @microsoft/signalr}) in Node, over WebSockets,
 * Server-Sent Events and long polling, on each container: calls, errors, filters, groups, streams both ways, client
 * results, users and authentication, and the bundled client served at {@code /switchboard/}. Outside CI a missing
 * {@code node} skips it; in CI it fails.
 */
class ServletNodeClientTest {

    static Stream<Kind> containers() {
        return ServletContainer.available().stream();
    }

    @ParameterizedTest
    @MethodSource("containers")
    void officialJavaScriptClientOverEveryTransport(Kind kind) throws Exception {
        HubHost host = ContractHubs.apply(HubServer.builder()).buildHost();
        try (ServletContainer container = ServletContainer.hosting(kind, host)) {
            String output = NodeContract.run("servlet-contract.mjs", "http://127.0.0.1:" + container.port());
            assertEquals("WebSockets: ok\nServerSentEvents: ok\nLongPolling: ok", output);
            // Every client stopped: each transport's end reached the hubs.
            Await.until(() -> host.connectionCount() == 0, "every connection to end");
        }
    }
}
