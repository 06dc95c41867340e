package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.switchboard.fixtures.CountingHub;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.NodeContract;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Stateful reconnect with the official JavaScript client in Node ({@code withStatefulReconnect()}), through a TCP
 * proxy the script resets mid-stream: see {@code fixtures/stateful-reconnect.mjs}. Outside CI a missing
 * {@code node} skips it; in CI it fails.
 */
class StatefulReconnectNodeTest {

    static final String SCRIPT = "/dev/switchboard/fixtures/stateful-reconnect.mjs";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Injector injector = Guice.createInjector();
    private final CountingHub.Recorder recorder = injector.getInstance(CountingHub.Recorder.class);

    private JsonNode run(HubOptions options, String scenario) throws Exception {
        try (HubServer server = HubServer.builder().port(0).injector(injector)
                .options(options.withAllowStatefulReconnects(true)).hub("/count", CountingHub.class).build().start()) {
            JsonNode seen = JSON.readTree(NodeContract.runResource(SCRIPT,
                    "http://127.0.0.1:" + server.port() + "/count", scenario));
            Await.until(() -> server.connectionCount() == 0, "every connection to end");
            return seen;
        }
    }

    /** Every number once, in order, on one connection still in its group; the reports sent during cuts once each. */
    static void assertResumed(JsonNode seen, CountingHub.Recorder recorder) {
        String id = seen.get("connectionId").asText();
        List<Integer> expected = IntStream.rangeClosed(1, seen.get("reported").asInt()).boxed().toList();
        assertEquals(expected, CountingHub.reportedBy(recorder, id));
        assertEquals(List.of(id), List.copyOf(recorder.disconnected), "one disconnect, at the client's stop");
    }

    /** The client's first connection and the one it reconnected with each ended once. */
    static void assertTwoConnections(JsonNode seen, CountingHub.Recorder recorder) {
        for (String id : List.of(seen.get("first").asText(), seen.get("second").asText())) {
            assertEquals(1, Collections.frequency(recorder.disconnected, id), id + " ended once");
        }
    }

    @Test
    void theOfficialClientResumesThroughCutSocketsWithNothingLostOrRepeated() throws Exception {
        assertResumed(run(HubOptions.defaults(), "resume"), recorder);
    }

    @Test
    void pastTheBudgetTheOfficialClientReconnectsAsANewConnection() throws Exception {
        assertTwoConnections(run(HubOptions.defaults().withStatefulReconnectBufferSize(2000), "budget"), recorder);
    }

    @Test
    void pastTheWindowTheResumeIsRefusedAndTheOfficialClientReconnectsAsANewConnection() throws Exception {
        assertTwoConnections(run(HubOptions.defaults().withDisconnectTimeout(Duration.ofSeconds(1)), "window"),
                recorder);
    }
}
