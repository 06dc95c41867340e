package dev.switchboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.switchboard.fixtures.CountingHub;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.NodeContract;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Stateful reconnect with the official JavaScript client in Node ({@code withStatefulReconnect()}), through a TCP
 * proxy the script resets mid-stream: see {@code src/test/node/stateful-reconnect.mjs}, which hub-servlet's
 * {@code ServletStatefulReconnectTest} runs on Jetty and Tomcat. Outside CI a missing {@code node} skips it; in CI
 * it fails.
 */
class StatefulReconnectNodeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Injector injector = Guice.createInjector();
    private final CountingHub.Recorder recorder = injector.getInstance(CountingHub.Recorder.class);

    private JsonNode run(HubOptions options, String scenario, String protocol) throws Exception {
        try (HubServer server = HubServer.builder().port(0).injector(injector)
                .options(options.withAllowStatefulReconnects(true)).hub("/count", CountingHub.class).build().start()) {
            JsonNode seen = JSON.readTree(NodeContract.run(CountingHub.SCRIPT,
                    "http://127.0.0.1:" + server.port() + "/count", scenario, protocol));
            recorder.awaitEnded(seen);
            Await.until(() -> server.connectionCount() == 0, "every connection to end");
            return seen;
        }
    }

    @Test
    void theOfficialClientResumesThroughCutSocketsWithNothingLostOrRepeated() throws Exception {
        recorder.assertResumed(run(HubOptions.defaults(), "resume", HubOptions.JSON));
    }

    @Test
    void inMessagePackTheOfficialClientResumesThroughCutSocketsWithNothingLostOrRepeated() throws Exception {
        recorder.assertResumed(run(HubOptions.defaults(), "resume", HubOptions.MESSAGEPACK));
    }

    @Test
    void pastTheBudgetTheOfficialClientReconnectsAsANewConnection() throws Exception {
        recorder.assertTwoConnections(
                run(HubOptions.defaults().withStatefulReconnectBufferSize(2000), "budget", HubOptions.JSON));
    }

    @Test
    void pastTheWindowTheResumeIsRefusedAndTheOfficialClientReconnectsAsANewConnection() throws Exception {
        recorder.assertTwoConnections(
                run(HubOptions.defaults().withDisconnectTimeout(Duration.ofSeconds(1)), "window", HubOptions.JSON));
    }
}
