package dev.switchboard.bench.load;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A client over {@code java.net.http.WebSocket}: no thread of its own, the shared client's selector reads. */
public final class WebSocketClient extends ClientBase implements WebSocket.Listener {

    private final HttpClient http;
    private final URI uri;
    private final StringBuilder partial = new StringBuilder();
    private final ByteArrayOutputStream partialBinary = new ByteArrayOutputStream();
    private volatile WebSocket socket;
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

    /** A client of the server at {@code base} ({@code ws://host:port}). */
    public WebSocketClient(HttpClient http, String base, Dialect dialect, Receiver receiver, Runnable onLost) {
        super(dialect, receiver, onLost);
        this.http = http;
        this.uri = URI.create(base + dialect.webSocketPath());
    }

    @Override
    public CompletableFuture<Void> open(String nickname) {
        http.newWebSocketBuilder().buildAsync(uri, this).whenComplete((ws, failure) -> {
            if (failure != null) {
                failed(failure);
                return;
            }
            // The future may complete before onOpen has run.
            socket = ws;
            if (dialect.hello() != null) {
                write(dialect.hello());
            }
        });
        return joinOnceOpened(nickname);
    }

    @Override
    public void onOpen(WebSocket opened) {
        socket = opened;
        opened.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
        if (!last) {
            partial.append(data);
        } else if (partial.isEmpty()) {
            dialect.receive(data, this);
        } else {
            partial.append(data);
            dialect.receive(partial, this);
            partial.setLength(0);
        }
        ws.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
        if (!last) {
            append(data);
        } else if (partialBinary.size() == 0) {
            receive(data);
        } else {
            append(data);
            receive(ByteBuffer.wrap(partialBinary.toByteArray()));
            partialBinary.reset();
        }
        ws.request(1);
        return null;
    }

    /** Keeps a part of a binary message, which may be in a buffer without an array. */
    private void append(ByteBuffer part) {
        byte[] bytes = new byte[part.remaining()];
        part.get(bytes);
        partialBinary.writeBytes(bytes);
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
        failed(new IllegalStateException("Closed by the server: " + statusCode + " " + reason));
        return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
        failed(error);
    }

    @Override
    protected synchronized void write(Frame frame) {
        // java.net.http.WebSocket allows one send at a time: each waits for the one before.
        sending = sending.thenCompose(v -> frame.isBinary() ? socket.sendBinary(ByteBuffer.wrap(frame.bytes()), true)
                : socket.sendText(frame.text(), true)).exceptionally(failure -> {
            failed(failure);
            return null;
        });
    }

    @Override
    public void close() {
        closing();
        WebSocket current = socket;
        if (current != null) {
            current.abort();
        }
    }
}
