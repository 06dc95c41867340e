package dev.switchboard.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One SignalR connection of the churn load, over one transport, without a thread of its own: negotiate, the
 * JSON handshake, invocations that complete with their Completion, streams, and the two ways to leave, a clean
 * stop and an abort that just cuts the connection.
 */
abstract class SoakClient {

    static final String RS = "\u001e";
    static final ObjectMapper JSON = new ObjectMapper();

    protected final HttpClient http;
    protected final String base;
    protected final String user;
    protected final SoakStats stats;
    /** Completes with the handshake reply; fails when the connection cannot be made. */
    protected final CompletableFuture<Void> handshaken = new CompletableFuture<>();
    /** Completes when the transport has ended, by either side. */
    protected final CompletableFuture<Void> ended = new CompletableFuture<>();
    /** Completes when the server sends Close. */
    protected final CompletableFuture<Void> serverClosed = new CompletableFuture<>();
    private final Map<String, CompletableFuture<JsonNode>> calls = new ConcurrentHashMap<>();
    private final Map<String, Items> streams = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> awaitedTargets = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final StringBuilder partial = new StringBuilder();
    protected String token;

    /** Items of one stream from the server: completes {@code seen} once {@code wanted} have arrived. */
    record Items(int wanted, AtomicInteger count, CompletableFuture<Void> seen, CompletableFuture<JsonNode> done) {
    }

    SoakClient(HttpClient http, String base, String user, SoakStats stats) {
        this.http = http;
        this.base = base;
        this.user = user;
        this.stats = stats;
    }

    /** Negotiates, opens the transport and completes the handshake. */
    final CompletableFuture<Void> open() {
        HttpRequest negotiate = HttpRequest.newBuilder(URI.create(base + "/negotiate?negotiateVersion=1&user=" + user))
                .POST(HttpRequest.BodyPublishers.noBody()).build();
        http.sendAsync(negotiate, HttpResponse.BodyHandlers.ofString()).thenAccept(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("negotiate answered " + response.statusCode() + " " + response.body());
            }
            try {
                token = JSON.readTree(response.body()).get("connectionToken").asText();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            connect();
        }).exceptionally(failure -> {
            fail(failure);
            return null;
        });
        return handshaken;
    }

    /** Opens the transport for {@link #token} and sends the handshake once it may. */
    protected abstract void connect();

    /** Sends one record, separator included; sends of one connection go out in order. */
    protected abstract void write(String record);

    /** Leaves as the official clients stop; completes once the transport has ended. */
    abstract CompletableFuture<Void> stop();

    /** Leaves without a word: the socket is cut, or for long polling, the polls stop. */
    abstract void abort();

    /** The query string that names the connection and its user. */
    protected final String connectionQuery() {
        return "?id=" + token + "&user=" + user;
    }

    protected final void sendHandshake() {
        write("{\"protocol\":\"json\",\"version\":1}" + RS);
    }

    CompletableFuture<JsonNode> invoke(String target, Object... arguments) {
        String id = Integer.toString(ids.incrementAndGet());
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        calls.put(id, result);
        write(message(1, id, target, arguments));
        return result;
    }

    /** Starts a stream; {@link Items#seen()} completes after {@code wanted} items. */
    Items stream(int wanted, String target, Object... arguments) {
        String id = Integer.toString(ids.incrementAndGet());
        Items items = new Items(wanted, new AtomicInteger(), new CompletableFuture<>(), new CompletableFuture<>());
        streams.put(id, items);
        write(message(4, id, target, arguments));
        return items;
    }

    /** Sends an invocation without waiting for its answer. */
    void invokeAndForget(String target, Object... arguments) {
        write(message(1, Integer.toString(ids.incrementAndGet()), target, arguments));
    }

    /** Completes when the server next invokes {@code target} on this client; ask before it can. */
    CompletableFuture<Void> invoked(String target) {
        return awaitedTargets.computeIfAbsent(target, name -> new CompletableFuture<>());
    }

    /** Text from the transport: whole records or parts of them. */
    protected final void received(CharSequence text) {
        synchronized (partial) {
            partial.append(text);
            int end;
            while ((end = partial.indexOf(RS)) >= 0) {
                String record = partial.substring(0, end);
                partial.delete(0, end + 1);
                record(record);
            }
        }
    }

    /** The transport has ended: what still waits can never complete. */
    protected final void transportEnded() {
        IOException gone = new IOException("connection ended");
        handshaken.completeExceptionally(gone);
        calls.values().forEach(call -> call.completeExceptionally(gone));
        streams.values().forEach(items -> {
            items.seen().completeExceptionally(gone);
            items.done().completeExceptionally(gone);
        });
        awaitedTargets.values().forEach(target -> target.completeExceptionally(gone));
        ended.complete(null);
    }

    protected final void fail(Throwable failure) {
        handshaken.completeExceptionally(failure);
        transportEnded();
    }

    private void record(String record) {
        if (!handshaken.isDone()) {
            if (record.equals("{}")) {
                handshaken.complete(null);
            } else {
                fail(new IOException("handshake refused: " + record));
            }
            return;
        }
        stats.messages.increment();
        JsonNode message;
        try {
            message = JSON.readTree(record);
        } catch (IOException e) {
            stats.failure("unreadable record " + record);
            return;
        }
        switch (message.path("type").asInt()) {
            case 1 -> {
                CompletableFuture<Void> awaited = awaitedTargets.get(message.path("target").asText());
                if (awaited != null) {
                    awaited.complete(null);
                }
            }
            case 2 -> item(message);
            case 3 -> completion(message);
            case 7 -> serverClosed.complete(null);
            default -> { }
        }
    }

    private void item(JsonNode message) {
        Items items = streams.get(message.path("invocationId").asText());
        if (items != null && items.count().incrementAndGet() >= items.wanted()) {
            items.seen().complete(null);
        }
    }

    private void completion(JsonNode message) {
        String id = message.path("invocationId").asText();
        CompletableFuture<JsonNode> call = calls.remove(id);
        Items items = streams.remove(id);
        CompletableFuture<JsonNode> target = call != null ? call : items != null ? items.done() : null;
        if (target == null) {
            return;
        }
        if (message.has("error")) {
            target.completeExceptionally(new IOException("error completion: " + message.get("error").asText()));
        } else {
            target.complete(message.path("result"));
        }
    }

    private static String message(int type, String id, String target, Object... arguments) {
        ObjectNode message = JSON.createObjectNode().put("type", type).put("invocationId", id).put("target", target);
        ArrayNode args = message.putArray("arguments");
        for (Object argument : arguments) {
            if (argument instanceof Integer number) {
                args.add(number);
            } else {
                args.add(argument.toString());
            }
        }
        return message + RS;
    }
}
