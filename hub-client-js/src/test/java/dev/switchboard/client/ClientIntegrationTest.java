package dev.switchboard.client;

import com.google.inject.Guice;
import dev.switchboard.HubOptions;
import dev.switchboard.HubServer;
import dev.switchboard.SwitchboardModule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code test/integration/}: the client, in Node, against a real hub server over each transport; then
 * the same tests with the official client.
 * Node 20 has a WebSocket client only behind a flag.
 */
class ClientIntegrationTest {

    private static HubServer server;

    @BeforeAll
    static void start() throws Exception {
        server = HubServer.builder()
                .port(0)
                .hub("/hub", ClientTestHub.class)
                .hub("/stateful", ClientTestHub.class, HubOptions.defaults().withAllowStatefulReconnects(true))
                .hub("/filtered", FilterTestHub.class)
                .filter(FilterTestHub.class, FilterTestHub.Guard.class)
                .hub("/results", ResultsTestHub.class)
                .hub("/uploads", UploadTestHub.class)
                .hub("/services", ServiceTestHub.class)
                .hub("/parallel", ParallelTestHub.class,
                        HubOptions.defaults().withMaximumParallelInvocationsPerClient(4))
                .injector(Guice.createInjector(new SwitchboardModule(ClientTestHub.class), ServiceTestHub.MODULE))
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void clientWorksAgainstTheServerOverEveryTransport() throws Exception {
        run("switchboard");
    }

    /** The same tests with @microsoft/signalr: ours must behave as the official client does. */
    @Test
    void theOfficialClientPassesTheSameTests() throws Exception {
        Node.npmInstall();
        run("official");
    }

    private static void run(String client) throws Exception {
        System.out.println(Node.run(
                List.of("node", "--experimental-websocket", "--no-warnings", "--test", "--test-reporter=spec",
                        "--test-concurrency=1", "--test-timeout=30000", "test/integration/"),
                Map.of("SWITCHBOARD_URL", "http://127.0.0.1:" + server.port(), "SWITCHBOARD_CLIENT", client), 300));
    }
}
