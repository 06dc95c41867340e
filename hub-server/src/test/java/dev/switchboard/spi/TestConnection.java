package dev.switchboard.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A connection for {@link HubLifetimeManagerContract}: it records each invocation it is sent, decoded from the
 * JSON protocol's bytes, and answers {@link #invoke} with whatever future it was given. Safe to use from any
 * thread, as a manager may deliver on its own.
 */
public final class TestConnection implements ConnectionHandle {

    /** What a connection was sent: the client method and its arguments, as a client would read them. */
    public record Received(String target, List<Object> arguments) {
    }

    /** One {@link #invoke} call: the client method and its arguments as the manager passed them. */
    public record Invocation(String method, List<?> args) {
    }

    private static final Serialization SERIALIZATION = Serialization.defaults();
    private static final char RECORD_SEPARATOR = '\u001e';

    private final String connectionId;
    private final String userIdentifier;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final BlockingQueue<Invocation> invocations = new LinkedBlockingQueue<>();
    private volatile boolean closed;
    private volatile CompletableFuture<Object> answer = new CompletableFuture<>();

    /**
     * A connection, open.
     *
     * @param connectionId   its id
     * @param userIdentifier its user's id, or null
     */
    public TestConnection(String connectionId, String userIdentifier) {
        this.connectionId = connectionId;
        this.userIdentifier = userIdentifier;
    }

    @Override
    public String connectionId() {
        return connectionId;
    }

    @Override
    public String userIdentifier() {
        return userIdentifier;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    /** Marks the connection ended, as a transport that went away would. */
    public void close() {
        closed = true;
    }

    /**
     * What every later {@link #invoke} returns: the client's answer or its failure. Until set, invocations
     * never complete.
     *
     * @param future the answer
     */
    public void answerWith(CompletableFuture<Object> future) {
        answer = future;
    }

    @Override
    public void send(SerializedMessage message) {
        byte[] json = SERIALIZATION.write(message).get("json");
        received.add(json == null ? new Received("<no json payload>", List.of()) : decode(json));
    }

    @Override
    public CompletableFuture<Object> invoke(String method, List<?> args) {
        invocations.add(new Invocation(method, List.copyOf(args)));
        return answer;
    }

    /**
     * The next message sent to this connection.
     *
     * @param timeout how long to wait for it
     * @return the message, or null when none came in time
     * @throws InterruptedException when interrupted while waiting
     */
    public Received next(Duration timeout) throws InterruptedException {
        return received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The next {@link #invoke} call.
     *
     * @param timeout how long to wait for it
     * @return the call, or null when none came in time
     * @throws InterruptedException when interrupted while waiting
     */
    public Invocation nextInvocation(Duration timeout) throws InterruptedException {
        return invocations.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Decodes one JSON protocol frame; a malformed one is recorded as such, so the test fails on it. */
    @SuppressWarnings("unchecked")
    private static Received decode(byte[] frame) {
        String text = new String(frame, StandardCharsets.UTF_8);
        if (text.isEmpty() || text.charAt(text.length() - 1) != RECORD_SEPARATOR) {
            return new Received("<unframed: " + text + ">", List.of());
        }
        ObjectMapper mapper = SERIALIZATION.mapper();
        try {
            JsonNode node = mapper.readTree(text.substring(0, text.length() - 1));
            return new Received(node.path("target").asText(), mapper.convertValue(node.path("arguments"), List.class));
        } catch (IOException e) {
            return new Received("<undecodable: " + e.getMessage() + ">", List.of());
        }
    }

    @Override
    public String toString() {
        return "TestConnection[" + connectionId + ", user " + userIdentifier + "]";
    }
}
