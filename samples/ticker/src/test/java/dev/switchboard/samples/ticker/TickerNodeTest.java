package dev.switchboard.samples.ticker;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.testing.Await;
import dev.switchboard.testing.NodeContract;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The official JavaScript client in Node against the ticker: see {@code src/test/node/ticker-contract.mjs}. */
class TickerNodeTest {

    @Test
    void theOfficialJavaScriptClientKeepsTheContract() throws Exception {
        try (TickerServer server = TickerServer.create(new TickerOptions(0, Duration.ofMillis(20), 9L, false, false))
                .start()) {
            String output = NodeContract.run("ticker-contract.mjs", "http://localhost:" + server.port() + "/ticker");
            assertTrue(output.contains("ticker contract passed"), output);
            Await.until(() -> server.ticker().watcherCount() == 0, "the streams of the clients that left to end");
        }
    }
}
