package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * What a client chooses reaches the server's log escaped, on one line of the server's own: a protocol name, a
 * hub method name, a hub exception's message quoting a group name, stream ids, and a protocol error quoting a
 * header name, each holding a line feed, an ANSI escape sequence, NEL and a line separator ({@link LogHygieneRun},
 * with every server logger at its most detailed).
 */
class LogHygieneTest {

    @Test
    void whatAClientChoosesIsLoggedEscaped() throws Exception {
        String logged = DetailedLogRun.output(LogHygieneRun.class);
        assertTrue(logged.contains("LogHygieneRun done"), logged);
        for (int n = 1; n <= LogHygieneRun.VALUES; n++) {
            assertTrue(logged.contains(LogHygieneRun.escaped(n)), "Value " + n + " was not logged escaped:\n"
                    + logged);
        }
        assertFalse(logged.lines().anyMatch(line -> line.startsWith("FORGED")), "A line was forged:\n" + logged);
        for (char raw : new char[] {'\u001b', '\u0085', '\u2028'}) {
            assertFalse(logged.indexOf(raw) >= 0, "A raw U+" + Integer.toHexString(raw) + " was logged:\n"
                    + logged);
        }
    }
}
