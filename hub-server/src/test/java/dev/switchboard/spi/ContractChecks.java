package dev.switchboard.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.HubException;
import dev.switchboard.HubOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** The steps and assertions of {@link HubLifetimeManagerContract}, through the SPI only. */
final class ContractChecks {

    /** The client method every test message invokes. */
    static final String METHOD = "msg";
    /** The longest wait for a send, a group change or a message: generous, for slow build machines. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final String MARKER = "end";
    private static final ObjectMapper MAPPER = Serialization.defaults().mapper();

    private ContractChecks() {
    }

    /** What a server of default settings gives the managers of {@link HubLifetimeManagerContract.ContractHub}. */
    static LifetimeManagerSettings settings() {
        return new LifetimeManagerSettings(HubLifetimeManagerContract.ContractHub.class, Serialization.defaults(),
                HubOptions.defaults());
    }

    /** Registers a new, open connection with the manager. */
    static TestConnection connect(HubLifetimeManager manager, String id, String user) {
        TestConnection connection = new TestConnection(id, user);
        manager.onConnected(connection);
        return connection;
    }

    /** Waits for a send, group change or invocation, failing after {@link #TIMEOUT}. */
    static <T> T done(CompletableFuture<T> future) throws Exception {
        return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Sends the connection a marker through {@code manager} and asserts that it received exactly {@code texts},
     * each as the argument of {@value #METHOD}, before it.
     */
    static void assertReceived(HubLifetimeManager manager, TestConnection connection, String... texts)
            throws Exception {
        done(manager.sendConnection(connection.connectionId(), METHOD, List.of(MARKER)));
        List<Object> received = new ArrayList<>();
        while (true) {
            TestConnection.Received message = connection.next(TIMEOUT);
            assertNotNull(message, connection + " did not receive the marker; before it: " + received);
            boolean plain = message.target().equals(METHOD) && message.arguments().size() == 1;
            Object text = plain ? message.arguments().get(0) : message;
            if (MARKER.equals(text)) {
                break;
            }
            received.add(text);
        }
        assertEquals(Arrays.asList(texts), received, "what " + connection + " received");
    }

    /** The client answers: the caller gets the answer, and the client saw the method and its arguments. */
    static void assertAnswered(HubLifetimeManager manager, TestConnection connection) throws Exception {
        connection.answerWith(CompletableFuture.completedFuture("yes"));
        Object answer = done(manager.invokeConnection(connection.connectionId(), "ask", List.of("sure?", 42)));
        // A manager may hand on the answer as the protocol parsed it rather than as the client's object.
        assertEquals(MAPPER.valueToTree("yes"), MAPPER.valueToTree(answer));
        TestConnection.Invocation invocation = connection.nextInvocation(TIMEOUT);
        assertNotNull(invocation, "the client was not invoked");
        assertEquals("ask", invocation.method());
        assertEquals(MAPPER.valueToTree(List.of("sure?", 42)), MAPPER.valueToTree(invocation.args()));
    }

    /** The client fails the invocation: the caller gets the client's error. */
    static void assertClientError(HubLifetimeManager manager, TestConnection connection) {
        connection.answerWith(CompletableFuture.failedFuture(new HubException("not now")));
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> done(manager.invokeConnection(connection.connectionId(), "ask", List.of())));
        HubException error = assertInstanceOf(HubException.class, failure.getCause());
        assertTrue(error.getMessage().contains("not now"), error.getMessage());
    }

    /** No connection has the id: an invocation fails with an {@link IOException}. */
    static void assertNoSuchConnection(HubLifetimeManager manager, String connectionId) {
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> done(manager.invokeConnection(connectionId, "ask", List.of())));
        assertInstanceOf(IOException.class, failure.getCause());
    }
}
