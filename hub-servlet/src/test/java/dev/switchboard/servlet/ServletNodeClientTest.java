package dev.switchboard.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.servlet.ServletContainer.Kind;
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
        try (ServletContainer container = kind == Kind.JETTY
                ? ServletContainer.programmatic(kind, ContractHubs::apply)
                : ServletContainer.withInitializers(kind, ContractHubs.class)) {
            String output = NodeContract.run("servlet-contract.mjs", "http://127.0.0.1:" + container.port());
            assertEquals("WebSockets: ok\nServerSentEvents: ok\nLongPolling: ok", output);
        }
    }
}
