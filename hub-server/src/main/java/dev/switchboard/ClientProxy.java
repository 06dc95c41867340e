package dev.switchboard;

import java.util.concurrent.CompletableFuture;

/** One or more clients, addressed together. */
public interface ClientProxy {

    /**
     * Invokes {@code method} on every addressed client, without waiting for an answer. The message is
     * serialized once, whatever the number of clients.
     *
     * @param method the client method, as the client registers its handler
     * @param args its arguments, serialized with the hub's {@code ObjectMapper}
     * @return completes when the message has been queued for every addressed connection; it never waits
     *         for a slow client
     */
    CompletableFuture<Void> send(String method, Object... args);

    /**
     * These clients seen through a client interface that the hub declares with {@link ClientInterface}:
     * each call of one of its methods sends the client method it names. A method returning a client
     * result ({@code CompletableFuture<T>}) needs a single client, such as {@link HubClients#client(String)}
     * or {@link Clients#caller()}; on other targets it throws {@link UnsupportedOperationException}.
     *
     * @param <T> the client interface
     * @param clientInterface the client interface, annotated with {@link ClientInterface}
     * @return a proxy whose method calls reach these clients
     * @throws IllegalArgumentException when the hub does not declare {@code clientInterface}
     */
    <T> T as(Class<T> clientInterface);
}
