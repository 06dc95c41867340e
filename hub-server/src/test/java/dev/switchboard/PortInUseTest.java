package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.switchboard.fixtures.TestHub;
import dev.switchboard.testing.Await;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A server that cannot start says why in one line naming what failed, keeps the socket's own exception as the
 * cause, and leaves nothing running: no thread, no keep-alive, and it counts as closed.
 */
class PortInUseTest {

    @Test
    void aPortInUseIsNamedInOneLine() throws Exception {
        Set<String> before = threadNames();
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("0.0.0.0"))) {
            int port = taken.getLocalPort();
            HubServer server = HubServer.builder().port(port).hub("/test", TestHub.class).build();
            BindException failure = assertThrows(BindException.class, server::start);
            assertEquals("Port " + port + " is already in use", failure.getMessage());
            assertInstanceOf(BindException.class, failure.getCause(), "the socket's own exception is kept");
            assertFalse(threadNames().contains("switchboard-keepalive-" + port));
            server.join();
            server.close();
        }
        Await.until(() -> before.containsAll(threadNames()),
                "the failed start's threads to end; new: " + newThreads(before));
    }

    @Test
    void anUnknownHostIsNamedInOneLine() {
        HubServer server = HubServer.builder().host("no-such-host.invalid").port(0).hub("/test", TestHub.class)
                .build();
        IOException failure = assertThrows(UnknownHostException.class, server::start);
        assertEquals("Cannot listen on host no-such-host.invalid: no such host", failure.getMessage());
    }

    @Test
    void aFailedServerCannotBeStartedAgain() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            HubServer server = HubServer.builder().port(taken.getLocalPort()).hub("/test", TestHub.class).build();
            assertThrows(BindException.class, server::start);
            IllegalStateException again = assertThrows(IllegalStateException.class, server::start);
            assertEquals("This server is closed: build a new one to start again", again.getMessage());
        }
    }

    /** The live threads of the kinds a server starts: ours, Grizzly's and its HttpServer's. */
    private static Set<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("switchboard-") || name.toLowerCase().startsWith("grizzly")
                        || name.startsWith("HttpServer"))
                .collect(Collectors.toSet());
    }

    private static Set<String> newThreads(Set<String> before) {
        Set<String> now = threadNames();
        now.removeAll(before);
        return now;
    }
}
