package dev.switchboard.soak;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A soak connection over WebSockets; {@link #abort()} closes the TCP connection without a close frame. */
final class WebSocketSoakClient extends SoakClient implements WebSocket.Listener {

    private volatile WebSocket socket;
    /** The JDK allows one outstanding send per socket: each waits for the one before. */
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

    WebSocketSoakClient(HttpClient http, String base, String user, SoakStats stats) {
        super(http, base, user, stats);
    }

    @Override
    protected void connect() {
        URI uri = URI.create(base.replaceFirst("^http", "ws") + connectionQuery());
        http.newWebSocketBuilder().buildAsync(uri, this).whenComplete((opened, failure) -> {
            if (failure != null) {
                fail(failure);
            } else {
                socket = opened;
                sendHandshake();
            }
        });
    }

    @Override
    protected synchronized void write(String record) {
        WebSocket open = socket;
        sending = sending.thenCompose(v -> open.sendText(record, true)).exceptionally(failure -> null);
    }

    @Override
    CompletableFuture<Void> stop() {
        WebSocket open = socket;
        if (open != null) {
            synchronized (this) {
                sending = sending.thenCompose(v -> open.sendClose(WebSocket.NORMAL_CLOSURE, ""))
                        .exceptionally(failure -> null);
            }
        }
        return ended;
    }

    @Override
    void abort() {
        WebSocket open = socket;
        if (open != null) {
            open.abort();
        }
        transportEnded();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        received(data);
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        transportEnded();
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        transportEnded();
    }
}
