package dev.switchboard.bench.server;

import dev.switchboard.Hub;
import dev.switchboard.HubException;
import dev.switchboard.HubMethod;
import java.util.concurrent.CompletableFuture;

/**
 * The chat hub's {@code join}/{@code send}/{@code message} as the benchmark drives them, and an {@code echo}.
 * Presence is left out on purpose: the chat sample announces every join to everyone and answers it with
 * the whole list of nicknames, which makes connecting 15,000 clients cost 10<sup>8</sup> deliveries before
 * anything is measured. The socket.io peer ({@code bench/socketio/server.js}) does exactly the same.
 */
public class BenchHub extends Hub {

    static final String EVERYONE = "everyone";
    private static final String NICKNAME = "nickname";

    /** Enters the chat as {@code nickname}: from now on the connection gets every {@code message}. */
    @HubMethod
    public CompletableFuture<Void> join(String nickname) {
        if (nickname == null || nickname.isBlank()) {
            throw new HubException("A nickname cannot be blank");
        }
        context().items().put(NICKNAME, nickname);
        return groups().add(context().connectionId(), EVERYONE);
    }

    /** Sends {@code message(nickname, text)} to every joined connection, the caller included. */
    @HubMethod
    public CompletableFuture<Void> send(String text) {
        Object nickname = context().items().get(NICKNAME);
        if (nickname == null) {
            throw new HubException("You must join the chat with a nickname first");
        }
        return clients().group(EVERYONE).send("message", nickname, text);
    }

    /** Answers with its argument: the round trip of the echo scenario. */
    @HubMethod
    public String echo(String text) {
        return text;
    }
}
