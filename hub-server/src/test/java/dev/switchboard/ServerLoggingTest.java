package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.signalr.HubConnection;
import dev.switchboard.fixtures.TestHub;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.LogCapture;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a server logs with no set-up of the application's: a hub method's unexpected failure once, at ERROR,
 * naming the hub and the method, while a {@link HubException} stays the client's business; and Grizzly's and
 * Tyrus's java.util.logging records through SLF4J, each once.
 */
class ServerLoggingTest {

    private HubServer server;
    private JavaClients clients;

    @BeforeEach
    void start() throws Exception {
        server = HubServer.builder().port(0).hub("/test", TestHub.class).stopAtShutdown(false).build().start();
        clients = new JavaClients(server.port());
    }

    @AfterEach
    void stop() {
        clients.close();
        server.close();
    }

    @Test
    void aHubMethodThatThrowsIsLoggedOnceAtErrorWithTheHubAndTheMethod() {
        HubConnection connection = clients.connect("/test");
        try (LogCapture log = new LogCapture()) {
            assertThrows(RuntimeException.class, () -> connection.invoke("crash")
                    .blockingAwait(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            assertEquals(1, log.count(" ERROR "), log.text());
            assertEquals(1, log.count("ERROR dev.switchboard.internal.dispatch.HubDispatcher - TestHub.crash failed "
                    + "for connection " + connection.getConnectionId()), log.text());
            assertEquals(1, log.count("java.lang.IllegalStateException: secret detail"), log.text());
        }
    }

    @Test
    void aFailedFutureAndAFailedStreamAreLoggedOnceEach() {
        HubConnection connection = clients.connect("/test");
        try (LogCapture log = new LogCapture()) {
            assertThrows(RuntimeException.class, () -> connection.invoke(String.class, "crashLater")
                    .blockingGet());
            assertThrows(RuntimeException.class, () -> connection.stream(Integer.class, "streamThenCrash", 2)
                    .timeout(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS).blockingLast());
            assertEquals(2, log.count(" ERROR "), log.text());
            assertEquals(1, log.count("TestHub.crashLater failed for connection"), log.text());
            assertEquals(1, log.count("The stream of TestHub.streamThenCrash failed for connection"), log.text());
        }
    }

    @Test
    void aHubExceptionIsNotAnError() {
        HubConnection connection = clients.connect("/test");
        try (LogCapture log = new LogCapture()) {
            assertThrows(RuntimeException.class, () -> connection.invoke("fail", "No such room")
                    .blockingAwait(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            assertEquals("pong", connection.invoke(String.class, "echo", "pong").blockingGet());
            assertEquals(0, log.count(" ERROR "), log.text());
        }
    }

    @Test
    void grizzlyAndTyrusLogThroughSlf4jOnce() {
        List<LogRecord> reachedRoot = new CopyOnWriteArrayList<>();
        Handler rootHandler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                reachedRoot.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(rootHandler);
        try (LogCapture log = new LogCapture()) {
            Logger.getLogger("org.glassfish.grizzly.test").log(Level.WARNING, "Grizzly says {0}", "hello");
            Logger.getLogger("org.glassfish.tyrus.test").warning("Tyrus says hello");
            assertEquals(1, log.count("WARN org.glassfish.grizzly.test - Grizzly says hello"), log.text());
            assertEquals(1, log.count("WARN org.glassfish.tyrus.test - Tyrus says hello"), log.text());
            assertTrue(reachedRoot.isEmpty(), "written twice, through the root's handlers too: " + reachedRoot);
        } finally {
            root.removeHandler(rootHandler);
        }
    }
}
