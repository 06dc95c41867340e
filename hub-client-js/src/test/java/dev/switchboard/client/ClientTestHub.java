package dev.switchboard.client;

import dev.switchboard.Hub;
import dev.switchboard.HubException;
import dev.switchboard.HubMethod;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** The hub the JavaScript client's integration tests call. */
public class ClientTestHub extends Hub {

    /** Completed when the endless stream of that key is closed: by a cancel or a disconnect. */
    private static final Map<String, CompletableFuture<Boolean>> ENDLESS_CLOSED = new ConcurrentHashMap<>();

    @HubMethod
    public String echo(String text) {
        return text;
    }

    @HubMethod
    public int add(int a, int b) {
        return a + b;
    }

    /** Fails with {@code message}, which the client must surface as the error's message. */
    @HubMethod
    public void fail(String message) {
        throw new HubException(message);
    }

    /** Calls {@code received(text)} on the caller: how a test sees that a fire-and-forget send arrived. */
    @HubMethod
    public CompletableFuture<Void> tellCaller(String text) {
        return clients().caller().send("received", text);
    }

    /** Calls {@code broadcast(text)} on every connection. */
    @HubMethod
    public CompletableFuture<Void> broadcast(String text) {
        return clients().all().send("broadcast", text);
    }

    /** Drops the caller's connection, as a failing network would: the client should reconnect. */
    @HubMethod
    public void drop() {
        context().abort();
    }

    /** Streams 0 … count-1. */
    @HubMethod
    public Stream<Integer> counter(int count) {
        return IntStream.range(0, count).boxed();
    }

    /** Streams 0 … count-1, then fails with {@code message}. */
    @HubMethod
    public Iterator<Integer> counterThenFail(int count, String message) {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                if (next == count) {
                    throw new HubException(message);
                }
                return next++;
            }
        };
    }

    /** Streams 0, 1, 2 … until the client cancels; {@link #endlessClosed} tells when it was closed. */
    @HubMethod
    public Stream<Integer> endless(String key) {
        CompletableFuture<Boolean> closed = ENDLESS_CLOSED.computeIfAbsent(key, k -> new CompletableFuture<>());
        return Stream.iterate(0, i -> i + 1).onClose(() -> closed.complete(true));
    }

    @HubMethod
    public CompletableFuture<Boolean> endlessClosed(String key) {
        return ENDLESS_CLOSED.computeIfAbsent(key, k -> new CompletableFuture<>());
    }

    /**
     * Calls {@code number(n)} on the caller for n = 1 … count, one after the other from a thread of its own, a
     * millisecond apart: a stream of numbered messages that a test cuts the socket in the middle of.
     */
    @HubMethod
    public void numbers(int count) {
        var caller = clients().caller();
        Thread sender = new Thread(() -> {
            for (int n = 1; n <= count; n++) {
                caller.send("number", n);
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }, "numbers");
        sender.setDaemon(true);
        sender.start();
    }
}
