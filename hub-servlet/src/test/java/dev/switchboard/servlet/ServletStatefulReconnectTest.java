package dev.switchboard.servlet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.switchboard.HubOptions;
import dev.switchboard.HubServer;
import dev.switchboard.fixtures.CountingHub;
import dev.switchboard.servlet.ServletContainer.Kind;
import dev.switchboard.spi.host.HubHost;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.NodeContract;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stateful reconnect on each container, with the official JavaScript client in Node through a TCP proxy that resets
 * its sockets mid-stream: the scenarios of hub-server's {@code stateful-reconnect.mjs}, as its
 * {@code StatefulReconnectNodeTest} runs them on the embedded server. Outside CI a missing {@code node} skips it; in
 * CI it fails.
 */
class ServletStatefulReconnectTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Injector injector = Guice.createInjector();
    private final CountingHub.Recorder recorder = injector.getInstance(CountingHub.Recorder.class);

    static Stream<Kind> containers() {
        return ServletContainer.available().stream();
    }

    private JsonNode run(Kind kind, HubOptions options, String scenario) throws Exception {
        HubHost host = HubServer.builder().injector(injector).options(options.withAllowStatefulReconnects(true))
                .hub("/count", CountingHub.class).buildHost();
        try (ServletContainer container = ServletContainer.hosting(kind, host)) {
            JsonNode seen = JSON.readTree(NodeContract.runShared("hub-server", CountingHub.SCRIPT,
                    "http://127.0.0.1:" + container.port() + "/count", scenario));
            recorder.awaitEnded(seen);
            Await.until(() -> host.connectionCount() == 0, "every connection to end");
            return seen;
        }
    }

    @ParameterizedTest
    @MethodSource("containers")
    void theOfficialClientResumesThroughCutSocketsWithNothingLostOrRepeated(Kind kind) throws Exception {
        recorder.assertResumed(run(kind, HubOptions.defaults(), "resume"));
    }

    @ParameterizedTest
    @MethodSource("containers")
    void pastTheBudgetTheOfficialClientReconnectsAsANewConnection(Kind kind) throws Exception {
        recorder.assertTwoConnections(run(kind, HubOptions.defaults().withStatefulReconnectBufferSize(2000), "budget"));
    }

    @ParameterizedTest
    @MethodSource("containers")
    void pastTheWindowTheResumeIsRefusedAndTheOfficialClientReconnectsAsANewConnection(Kind kind) throws Exception {
        recorder.assertTwoConnections(run(kind, HubOptions.defaults().withDisconnectTimeout(Duration.ofSeconds(1)),
                "window"));
    }
}
