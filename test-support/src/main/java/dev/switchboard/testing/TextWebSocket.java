package dev.switchboard.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The JDK's WebSocket client, for plain (non-hub) endpoints: whole text messages in a queue, and how the
 * socket closed. Every wait lasts up to {@link #TIMEOUT}.
 *
 * <pre>{@code
 * try (TextWebSocket socket = TextWebSocket.connect(URI.create("ws://localhost:" + port + "/echo"))) {
 *     socket.send("hello");
 *     assertEquals("hello", socket.next());
 *     assertEquals(new TextWebSocket.Closed(1000, "done"), socket.close(1000, "done"));
 * }
 * }</pre>
 */
public final class TextWebSocket implements WebSocket.Listener, AutoCloseable {

    /** How long each wait lasts at most: generous, for a busy two-core machine. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);

    /**
     * The close frame the server sent.
     *
     * @param code   its status code
     * @param reason its reason, empty when it gave none
     */
    public record Closed(int code, String reason) {
    }

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    private TextWebSocket() {
    }

    /**
     * Opens a socket on {@code uri} ({@code ws:} or {@code wss:}). A refused handshake throws the
     * {@link java.util.concurrent.ExecutionException} the JDK's client failed with.
     */
    public static TextWebSocket connect(URI uri) throws Exception {
        return connect(uri, Map.of());
    }

    /** As {@link #connect(URI)}, with these header fields on the upgrade request, each value a field of its own. */
    public static TextWebSocket connect(URI uri, Map<String, List<String>> headers) throws Exception {
        TextWebSocket client = new TextWebSocket();
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
        headers.forEach((name, values) -> values.forEach(value -> builder.header(name, value)));
        client.socket = builder.buildAsync(uri, client).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return client;
    }

    /** Sends {@code text} as one whole text message. */
    public void send(String text) throws Exception {
        socket.sendText(text, true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Sends {@code bytes} as one whole binary message. */
    public void sendBinary(byte[] bytes) throws Exception {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** The next whole text message from the server, failing after {@link #TIMEOUT}. */
    public String next() throws InterruptedException {
        String message = messages.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (message == null) {
            fail("Timed out waiting for a message from the endpoint");
        }
        return message;
    }

    /** How the server closed the socket, once it has. */
    public Closed awaitClosed() throws Exception {
        return closed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Closes with {@code code} and {@code reason}, and returns the server's answering close frame. */
    public Closed close(int code, String reason) throws Exception {
        socket.sendClose(code, reason).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return awaitClosed();
    }

    /** Gathers the parts of a text message, queueing it once whole. */
    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            messages.add(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    /** Records the server's close frame. */
    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(new Closed(statusCode, reason));
        return null;
    }

    /** Fails whoever awaits the close with the socket's error. */
    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    /** Drops the connection at once, without a close handshake. */
    @Override
    public void close() {
        socket.abort();
    }
}
