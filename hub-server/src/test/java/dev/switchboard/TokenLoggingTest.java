package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Access tokens and connection tokens never reach the logs: {@link TokenLoggingRun} connects with access tokens
 * in the query string and in headers, and uses connection tokens over every transport and on error paths, while
 * every server logger, ours, Grizzly's and Tyrus's, logs at its most detailed level ({@link DetailedLogRun}).
 */
class TokenLoggingTest {

    @TempDir
    Path folder;

    @Test
    void noTokenAppearsInTheLogsAtTheMostDetailedLevel() throws Exception {
        Path connectionTokens = folder.resolve("connection-tokens.txt");
        String token = Jwts.token("alice", "admin");
        String forged = Jwts.forged("mallory");
        String logged = DetailedLogRun.output(TokenLoggingRun.class, token, forged, connectionTokens.toString());
        assertTrue(logged.contains("TokenLoggingRun done"), logged);
        assertTrue(logged.contains("DEBUG dev.switchboard"), "Debug logging was not on:\n" + logged);
        // Routed to SLF4J by the server: their FINE and finer records are SLF4J's DEBUG and TRACE.
        for (String library : List.of("org.glassfish.grizzly", "org.glassfish.tyrus")) {
            assertTrue(logged.contains("DEBUG " + library) || logged.contains("TRACE " + library),
                    library + "'s detailed logging was not on:\n" + logged);
        }
        for (String secret : List.of(token, forged, signature(token), signature(forged))) {
            assertFalse(logged.contains(secret), "A token was logged:\n" + logged);
        }
        List<String> used = Files.readAllLines(connectionTokens);
        assertEquals(5, used.size(), "The connection tokens used: " + used.size());
        for (String connectionToken : used) {
            assertTrue(connectionToken.length() >= 16, "Not a token: " + connectionToken.length() + " characters");
            assertFalse(logged.contains(connectionToken), "A connection token was logged:\n"
                    + logged.replace(connectionToken, "<<<" + connectionToken + ">>>"));
        }
    }

    /** The part of a JWT that makes it a credential, should it be logged apart from the rest. */
    private static String signature(String jwt) {
        return jwt.substring(jwt.lastIndexOf('.') + 1);
    }
}
