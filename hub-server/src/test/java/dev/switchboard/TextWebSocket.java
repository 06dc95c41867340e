package dev.switchboard;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A JDK WebSocket client for plain endpoints: whole text messages in a queue, and how the socket closed. */
public final class TextWebSocket implements WebSocket.Listener, AutoCloseable {

    /** The close frame the server sent. */
    record Closed(int code, String reason) {
    }

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    public static TextWebSocket connect(URI uri) throws Exception {
        TextWebSocket client = new TextWebSocket();
        client.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, client)
                .get(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return client;
    }

    public void send(String text) throws Exception {
        socket.sendText(text, true).get(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    public String next() throws InterruptedException {
        return Await.next(messages, "a message from the endpoint");
    }

    /** Closes with {@code code} and {@code reason}, and returns the server's answering close frame. */
    Closed close(int code, String reason) throws Exception {
        socket.sendClose(code, reason).get(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return closed.get(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

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

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(new Closed(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }

    @Override
    public void close() {
        socket.abort();
    }
}
