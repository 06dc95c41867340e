package dev.switchboard.samples.chat;

import com.google.inject.ImplementedBy;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The nicknames in use in the chat room, which may span several servers: each is held by one connection, and
 * two nicknames that differ only in case are the same. A server keeps what else it knows of its own
 * connections (their rooms) itself.
 *
 * <p>Methods return futures so that a registry on the network never holds a thread; one whose store cannot
 * be reached fails them with a {@link dev.switchboard.HubException} whose message is meant for the user.
 * Without a binding of its own, an injector gives the chat the in-memory {@link LocalNicknames}.
 */
@ImplementedBy(LocalNicknames.class)
public interface NicknameRegistry extends AutoCloseable {

    /**
     * Gives {@code nickname} to {@code connectionId} unless another connection holds it.
     *
     * @return a future of false when the nickname is taken
     */
    CompletableFuture<Boolean> claim(String connectionId, String nickname);

    /**
     * Frees a nickname that {@code connectionId} claimed; freeing one it does not hold does nothing.
     *
     * @return a future that completes, never exceptionally, once the nickname is free, or once freeing it has
     *         failed (the registry then frees it by itself later)
     */
    CompletableFuture<Void> release(String connectionId, String nickname);

    /** A future of the nicknames online, in every server of the room, sorted ignoring case. */
    CompletableFuture<List<String>> nicknames();

    /**
     * Tells {@code listener} of nicknames the registry frees by itself, such as those of a server that died,
     * so that the room hears they left. The in-memory registry never does.
     */
    default void onDeparted(Consumer<String> listener) {
    }

    @Override
    default void close() {
    }

    /** The form in which nicknames are compared: "Alice" and "alice" are one nickname. */
    static String key(String nickname) {
        return nickname.toLowerCase(Locale.ROOT);
    }
}
