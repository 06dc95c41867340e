package dev.switchboard.client;

import dev.switchboard.ClientInterface;
import dev.switchboard.ClientMethod;
import dev.switchboard.Hub;
import dev.switchboard.HubMethod;
import java.util.concurrent.CompletableFuture;

/** The hub of {@code client-results.test.mjs}: asks the caller for results, and calls typed clients. */
@ClientInterface(ResultsTestHub.Browser.class)
public class ResultsTestHub extends Hub {

    /** What the hub calls on its JavaScript clients. */
    public interface Browser {

        /** Sends "notified". */
        @ClientMethod("notified")
        void notify(String text);

        /** Asks the client for the length of {@code text}. */
        CompletableFuture<Integer> length(String text);
    }

    /** Asks the caller's {@code method} handler for a text and returns it. */
    @HubMethod
    public CompletableFuture<String> askText(String method, String argument) {
        return clients().caller().invoke(String.class, method, argument);
    }

    /** Asks the caller's {@code length} handler through the typed view and returns its answer plus one. */
    @HubMethod
    public CompletableFuture<Integer> askLength(String text) {
        return clients().caller(Browser.class).length(text).thenApply(length -> length + 1);
    }

    /** Calls {@code notified(text)} on every connection through the typed view. */
    @HubMethod
    public void notifyAll(String text) {
        clients().all(Browser.class).notify(text);
    }
}
