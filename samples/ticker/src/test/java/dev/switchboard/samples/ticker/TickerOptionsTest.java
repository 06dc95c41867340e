package dev.switchboard.samples.ticker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The command line of {@code java -jar ticker.jar}. */
class TickerOptionsTest {

    @Test
    void defaultsServeAnOpenMarketOnPort8080() throws Exception {
        TickerOptions options = TickerOptions.parse();
        assertEquals(TickerOptions.DEFAULT_PORT, options.port());
        assertEquals(Duration.ofMillis(250), options.interval());
        assertNull(options.seed());
        assertTrue(options.openAtStart());
        assertFalse(options.help());
    }

    @Test
    void everyOptionIsRead() throws Exception {
        TickerOptions options = TickerOptions.parse("--port", "8081", "--interval", "40", "--seed", "-7", "--closed");
        assertEquals(new TickerOptions(8081, Duration.ofMillis(40), -7L, false, false), options);
        assertTrue(TickerOptions.parse("--help").help());
    }

    @Test
    void aSeedGivesTheSameMovesEveryRun() throws Exception {
        assertEquals(TickerOptions.parse("--seed", "5").marketSettings().random().nextLong(),
                TickerOptions.parse("--seed", "5").marketSettings().random().nextLong());
    }

    @Test
    void badCommandLinesSayWhatIsWrong() {
        assertMessage("Unknown option: --fast", "--fast");
        assertMessage("--port needs a value", "--port");
        assertMessage("--port needs a number, not 'x'", "--port", "x");
        assertMessage("--port must be from 0 to 65535, not 70000", "--port", "70000");
        assertMessage("--interval must be from 1 to 60000, not 0", "--interval", "0");
    }

    private static void assertMessage(String message, String... args) {
        assertEquals(message, assertThrows(TickerOptions.UsageException.class, () -> TickerOptions.parse(args))
                .getMessage());
    }
}
