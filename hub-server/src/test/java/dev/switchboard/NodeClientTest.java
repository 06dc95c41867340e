package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.fixtures.ContractServer;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.NodeContract;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The hub contract ({@code src/test/node/hub-contract.mjs}, which hub-servlet runs on its containers too) with the
 * official JavaScript client ({@code @microsoft/signalr}) in Node on the embedded server: JSON over every transport,
 * MessagePack ({@code @microsoft/signalr-protocol-msgpack}) over WebSockets and long polling with SSE refused as
 * ASP.NET Core refuses it. Outside CI a missing {@code node} skips it; in CI it fails.
 */
class NodeClientTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "json        | WebSockets: ok\\nServerSentEvents: ok\\nLongPolling: ok",
        "messagepack | WebSockets: ok\\nServerSentEvents: refused\\nLongPolling: ok"})
    void officialJavaScriptClient(String protocol, String expected) throws Exception {
        try (HubServer server = ContractServer.apply(HubServer.builder()).port(0).build().start()) {
            String output = NodeContract.run("hub-contract.mjs", "http://127.0.0.1:" + server.port(), protocol);
            assertEquals(expected.replace("\\n", "\n"), output);
            Await.until(() -> server.connectionCount() == 0, "every connection to end");
        }
    }
}
