package dev.switchboard.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.testing.Await;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bare WebSocket client for protocol-level tests: sends exactly the bytes a test gives it, splits what
 * arrives into records at 0x1E, and closes the socket when the server says Close, as real clients do.
 */
public final class RawWebSocket implements WebSocket.Listener, ServerRecords, AutoCloseable {

    /** SignalR's record separator, 0x1E, which ends every message. */
    public static final String RS = "\u001e";
    /** The handshake request for the JSON protocol, version 1. */
    public static final String JSON_HANDSHAKE = "{\"protocol\":\"json\",\"version\":1}" + RS;

    /** The records the server sent, in order, without their separators. */
    public final BlockingQueue<String> records = new LinkedBlockingQueue<>();
    /** The status code of the server's Close frame, once it has sent one. */
    public final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    /** For each whole message the server sent, whether it came in text frames rather than binary. */
    public final BlockingQueue<Boolean> frameWasText = new LinkedBlockingQueue<>();
    /** The payloads of the pongs the server sent. */
    public final BlockingQueue<ByteBuffer> pongs = new LinkedBlockingQueue<>();
    /** The bytes of every whole binary message, as MessagePack's records need them. */
    public final BlockingQueue<byte[]> binaryMessages = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream partialBinary = new ByteArrayOutputStream();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    /** Connects to {@code uri} ({@code ws:}), with no handshake yet. */
    public static RawWebSocket connect(URI uri) throws Exception {
        return connect(HttpClient.newHttpClient(), uri);
    }

    /** Connects with {@code http}, which may carry a TLS context for wss. */
    public static RawWebSocket connect(HttpClient http, URI uri) throws Exception {
        RawWebSocket client = new RawWebSocket();
        client.socket = http.newWebSocketBuilder().buildAsync(uri, client)
                .get(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return client;
    }

    /** Connects and completes a JSON handshake. */
    public static RawWebSocket handshaken(URI uri) throws Exception {
        RawWebSocket client = connect(uri);
        client.sendText(JSON_HANDSHAKE);
        assertEquals("{}", client.next());
        return client;
    }

    /** Sends {@code text} as one whole text message. */
    public void sendText(String text) throws Exception {
        socket.sendText(text, true).get(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Sends {@code text}, in UTF-8, as one whole binary message. */
    public void sendBinary(String text) throws Exception {
        sendBinary(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends {@code bytes} as one whole binary message. */
    public void sendBinary(byte[] bytes) throws Exception {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).get(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Sends a Ping frame carrying {@code payload}. */
    public void sendPing(byte[] payload) throws Exception {
        socket.sendPing(ByteBuffer.wrap(payload)).get(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public String next() throws InterruptedException {
        return Await.next(records, "a record from the server");
    }

    /** Waits for the server's Close frame and returns its status code. */
    public int awaitClose() throws Exception {
        return closeCode.get(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        accept(webSocket, data.toString(), last, true);
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        synchronized (this) {
            partialBinary.writeBytes(bytes);
            if (last) {
                binaryMessages.add(partialBinary.toByteArray());
                partialBinary.reset();
            }
        }
        accept(webSocket, new String(bytes, StandardCharsets.UTF_8), last, false);
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
        ByteBuffer copy = ByteBuffer.allocate(message.remaining());
        copy.put(message).flip();
        pongs.add(copy);
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode.completeExceptionally(error);
    }

    private synchronized void accept(WebSocket webSocket, String text, boolean last, boolean isText) {
        partial.append(text);
        if (!last) {
            return;
        }
        frameWasText.add(isText);
        String frame = partial.toString();
        partial.setLength(0);
        int start = 0;
        int end;
        while ((end = frame.indexOf(RS, start)) >= 0) {
            String record = frame.substring(start, end);
            records.add(record);
            start = end + 1;
            if (record.startsWith("{\"type\":7") || record.startsWith("{\"error\"")) {
                // What the official clients do on a Close or a failed handshake: close the socket. The callback's
                // socket, since a Close may arrive before buildAsync has handed the field its value.
                webSocket.sendClose(WebSocket.NORMAL_CLOSURE, "");
            }
        }
    }

    /** Drops the connection without a close frame, as a failing network would. */
    public void cut() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "");
        }
        socket.abort();
    }
}
