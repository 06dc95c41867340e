package dev.switchboard.bench.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SignalR client over long polling, in JSON or MessagePack: negotiate, then one poll always outstanding and sends
 * as POSTs, one at a time as the official clients send them. Counts the polls that carried messages, for batching.
 */
public final class LongPollingClient extends ClientBase {

    private static final Pattern TOKEN = Pattern.compile("\"connectionToken\":\"([^\"]+)\"");
    private static final Duration POLL_LIMIT = Duration.ofSeconds(120);

    private final HttpClient http;
    private final String base;
    private final Deliveries deliveries;
    private volatile URI connection;
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);
    private int messagesInPoll;
    private boolean handshakeSent;

    /** A client of the hub at {@code base} ({@code http://host:port/chat}) speaking {@code dialect}, a SignalR one. */
    public LongPollingClient(HttpClient http, String base, Dialect dialect, Receiver receiver,
                             Deliveries deliveries) {
        super(dialect, receiver, deliveries::closed);
        this.http = http;
        this.base = base;
        this.deliveries = deliveries;
    }

    @Override
    public CompletableFuture<Void> open(String nickname) {
        HttpRequest negotiate = HttpRequest.newBuilder(URI.create(base + "/negotiate?negotiateVersion=1"))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        http.sendAsync(negotiate, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            if (failure != null) {
                failed(failure);
                return;
            }
            Matcher token = TOKEN.matcher(response.body());
            if (response.statusCode() != 200 || !token.find()) {
                failed(new IOException("Negotiate answered " + response.statusCode() + ": " + response.body()));
                return;
            }
            connection = URI.create(base + "?id=" + token.group(1));
            poll();
        });
        return joinOnceOpened(nickname);
    }

    /** Polls of one connection never overlap, so what they alone touch needs no lock. */
    private void poll() {
        if (isClosing()) {
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(connection).timeout(POLL_LIMIT).GET().build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, failure) -> {
            if (failure != null) {
                failed(failure);
            } else if (response.statusCode() == 204) {
                failed(new IOException("The server ended the connection"));
            } else if (response.statusCode() != 200) {
                failed(new IOException("Poll answered " + response.statusCode() + ": "
                        + new String(response.body(), StandardCharsets.UTF_8)));
            } else {
                if (!handshakeSent) {
                    // As the official clients do: the first poll, answered at once, creates the transport.
                    handshakeSent = true;
                    write(dialect.hello());
                }
                received(response.body());
                poll();
            }
        });
    }

    private void received(byte[] body) {
        messagesInPoll = 0;
        receive(ByteBuffer.wrap(body));
        if (messagesInPoll > 0) {
            deliveries.pollWithMessages();
        }
    }

    @Override
    public void message(long sentNanos) {
        messagesInPoll++;
        super.message(sentNanos);
    }

    @Override
    protected synchronized void write(Frame frame) {
        HttpRequest request = HttpRequest.newBuilder(connection).POST(frame.isBinary()
                ? HttpRequest.BodyPublishers.ofByteArray(frame.bytes())
                : HttpRequest.BodyPublishers.ofString(frame.text())).build();
        sending = sending.thenCompose(v -> http.sendAsync(request, HttpResponse.BodyHandlers.discarding()))
                .whenComplete((response, failure) -> {
                    if (failure != null) {
                        failed(failure);
                    } else if (response.statusCode() != 200) {
                        failed(new IOException("Send answered " + response.statusCode()));
                    }
                }).exceptionally(failure -> null);
    }

    @Override
    public void close() {
        closing();
        URI current = connection;
        if (current != null) {
            http.sendAsync(HttpRequest.newBuilder(current).DELETE().build(), HttpResponse.BodyHandlers.discarding());
        }
    }
}
