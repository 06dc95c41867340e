package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.fixtures.TestHub;
import dev.switchboard.testing.Await;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A started server holds one thread that is not a daemon, so that the JVM runs on after {@code main} returns,
 * until it is closed; {@link HubServer#join()} waits for that. The JVM's side is in {@link ShutdownHookTest}.
 */
class ServerKeepAliveTest {

    @Test
    void aStartedServerHoldsOneNonDaemonThreadUntilClosed() throws Exception {
        HubServer server = HubServer.builder().port(0).hub("/test", TestHub.class).stopAtShutdown(false).build()
                .start();
        Thread keepAlive;
        try {
            keepAlive = thread("switchboard-keepalive-" + server.port()).orElseThrow();
            assertFalse(keepAlive.isDaemon());
        } finally {
            server.close();
        }
        keepAlive.join(Await.TIMEOUT.toMillis());
        assertFalse(keepAlive.isAlive(), "the keep-alive thread ends with close()");
    }

    @Test
    void joinReturnsOnceTheServerIsClosedFromAnotherThread() throws Exception {
        HubServer server = HubServer.builder().port(0).hub("/test", TestHub.class).stopAtShutdown(false).build()
                .start();
        CountDownLatch joined = new CountDownLatch(1);
        Thread joiner = new Thread(() -> {
            try {
                server.join();
                joined.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "joiner");
        joiner.start();
        try {
            Await.until(() -> joiner.getState() == Thread.State.WAITING, "join() to wait");
            assertEquals(1, joined.getCount(), "join() returned while the server runs");
        } finally {
            new Thread(server::close, "closer").start();
        }
        assertTrue(joined.await(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS), "join() returned after close()");
        server.join();
    }

    @Test
    void aSecondCloseWaitsForTheFirstToFinish() throws Exception {
        HubServer server = HubServer.builder().port(0).hub("/test", TestHub.class).stopAtShutdown(false).build()
                .start();
        int port = server.port();
        Thread first = new Thread(server::close, "first-close");
        first.start();
        server.close();
        // Whichever call drained, the port is free once either returns.
        try (ServerSocket rebound = new ServerSocket()) {
            rebound.setReuseAddress(true);
            rebound.bind(new InetSocketAddress(port));
        }
        first.join(Await.TIMEOUT.toMillis());
        assertFalse(first.isAlive());
    }

    @Test
    void aServerStartsOnce() throws Exception {
        try (HubServer server = HubServer.builder().port(0).hub("/test", TestHub.class).stopAtShutdown(false).build()
                .start()) {
            IllegalStateException again = assertThrows(IllegalStateException.class, server::start);
            assertEquals("This server is already started", again.getMessage());
        }
    }

    private static Optional<Thread> thread(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name) && t.isAlive())
                .findFirst();
    }
}
