package dev.switchboard.samples.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EchoOptionsTest {

    @Test
    void defaults() throws Exception {
        assertEquals(new EchoOptions(8080, false), EchoOptions.parse());
    }

    @Test
    void port() throws Exception {
        assertEquals(new EchoOptions(9000, false), EchoOptions.parse("--port", "9000"));
        assertEquals(0, EchoOptions.parse("--port", "0").port());
        assertEquals(65535, EchoOptions.parse("--port", "65535").port());
    }

    @Test
    void help() throws Exception {
        assertTrue(EchoOptions.parse("--help").help());
        assertTrue(EchoOptions.parse("--port", "9000", "-h").help());
        assertTrue(EchoOptions.USAGE.contains("--port"));
    }

    @Test
    void badCommandLines() {
        assertUsageError("Unknown option: --verbose", "--verbose");
        assertUsageError("Unknown option: 9000", "9000");
        assertUsageError("--port needs a value", "--port");
        assertUsageError("--port needs a number from 0 to 65535, not 'http'", "--port", "http");
        assertUsageError("--port needs a number from 0 to 65535, not ''", "--port", "");
        assertUsageError("--port needs a number from 0 to 65535, not '-1'", "--port", "-1");
        assertUsageError("--port needs a number from 0 to 65535, not '65536'", "--port", "65536");
        assertUsageError("--port needs a number from 0 to 65535, not '99999999999'", "--port", "99999999999");
    }

    private static void assertUsageError(String message, String... args) {
        EchoOptions.UsageException error = assertThrows(EchoOptions.UsageException.class,
                () -> EchoOptions.parse(args));
        assertEquals(message, error.getMessage());
    }
}
