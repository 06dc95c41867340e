package dev.switchboard.samples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.Transport;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class ChatOptionsTest {

    @Test
    void defaults() throws Exception {
        assertEquals(ChatOptions.onPort(8080), ChatOptions.parse());
    }

    @Test
    void port() throws Exception {
        assertEquals(ChatOptions.onPort(9000), ChatOptions.parse("--port", "9000"));
        assertEquals(0, ChatOptions.parse("--port", "0").port());
        assertEquals(65535, ChatOptions.parse("--port", "65535").port());
    }

    @Test
    void help() throws Exception {
        assertTrue(ChatOptions.parse("--help").help());
        assertTrue(ChatOptions.parse("--port", "9000", "-h").help());
        assertTrue(ChatOptions.USAGE.contains("--port"));
    }

    @Test
    void unknownFlag() {
        assertUsageError("Unknown option: --verbose", "--verbose");
        assertUsageError("Unknown option: 9000", "9000");
    }

    @Test
    void missingValue() {
        assertUsageError("--port needs a value", "--port");
    }

    @Test
    void badNumber() {
        assertUsageError("--port needs a number, not 'http'", "--port", "http");
        assertUsageError("--port needs a number, not ''", "--port", "");
    }

    @Test
    void outOfRange() {
        assertUsageError("--port must be from 0 to 65535, not 65536", "--port", "65536");
        assertUsageError("--port must be from 0 to 65535, not -1", "--port", "-1");
    }

    @Test
    void maxConnections() throws Exception {
        assertEquals(5, ChatOptions.parse("--max-connections", "5").maxConnections());
        assertUsageError("--max-connections must be from 1 to 2147483647, not 0", "--max-connections", "0");
        assertUsageError("--max-connections needs a number, not 'many'", "--max-connections", "many");
        assertUsageError("--max-connections needs a value", "--max-connections");
    }

    @Test
    void keystoreAndItsPasswordGoTogether() throws Exception {
        ChatOptions tls = ChatOptions.parse("--keystore", "server.p12", "--keystore-password", "secret");
        assertEquals(Path.of("server.p12"), tls.keystore());
        assertEquals("secret", tls.keystorePassword());
        assertUsageError("--keystore and --keystore-password go together", "--keystore", "server.p12");
        assertUsageError("--keystore and --keystore-password go together", "--keystore-password", "secret");
    }

    @Test
    void transports() throws Exception {
        assertEquals(EnumSet.allOf(Transport.class), ChatOptions.parse().transports());
        assertEquals(EnumSet.of(Transport.WEB_SOCKETS, Transport.LONG_POLLING),
                ChatOptions.parse("--transports", "websockets,longpolling").transports());
        assertEquals(EnumSet.of(Transport.SERVER_SENT_EVENTS), ChatOptions.parse("--transports", "SSE").transports());
        assertUsageError("--transports takes websockets, sse and longpolling, not 'carrier-pigeon'",
                "--transports", "sse,carrier-pigeon");
    }

    @Test
    void redis() throws Exception {
        assertNull(ChatOptions.parse().redis());
        assertEquals("redis://localhost:6379", ChatOptions.parse("--redis", "redis://localhost:6379").redis());
        assertEquals("rediss://:secret@redis.example.com:6380/2",
                ChatOptions.parse("--port", "0", "--redis", "rediss://:secret@redis.example.com:6380/2").redis());
        assertTrue(ChatOptions.USAGE.contains("--redis URI"));
        assertUsageError("--redis needs a value", "--redis");
        assertUsageError("--redis needs a URI such as redis://localhost:6379, not 'localhost:6379'",
                "--redis", "localhost:6379");
        assertUsageError("--redis needs a URI such as redis://localhost:6379, not 'http://localhost:6379'",
                "--redis", "http://localhost:6379");
        assertUsageError("--redis needs a URI such as redis://localhost:6379, not 'redis://'", "--redis", "redis://");
        assertUsageError("--redis needs a URI such as redis://localhost:6379, not 'redis://bad host'",
                "--redis", "redis://bad host");
    }

    private static void assertUsageError(String message, String... args) {
        ChatOptions.UsageException error = assertThrows(ChatOptions.UsageException.class,
                () -> ChatOptions.parse(args));
        assertEquals(message, error.getMessage());
    }
}
