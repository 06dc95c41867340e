package dev.switchboard.client;

import dev.switchboard.Hub;
import dev.switchboard.HubException;
import dev.switchboard.HubMethod;
import java.util.concurrent.CompletableFuture;

/** The hub the JavaScript client's integration tests call. */
public class ClientTestHub extends Hub {

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
}
