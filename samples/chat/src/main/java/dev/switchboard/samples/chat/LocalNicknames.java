package dev.switchboard.samples.chat;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** The nicknames of a chat room on one server, in memory: the default, when no Redis is configured. */
@Singleton
public final class LocalNicknames implements NicknameRegistry {

    /** Compared form of each nickname to its holder. */
    private final Map<String, Holder> holders = new ConcurrentHashMap<>();

    private record Holder(String connectionId, String nickname) {
    }

    @Override
    public CompletableFuture<Boolean> claim(String connectionId, String nickname) {
        Holder holder = new Holder(connectionId, nickname);
        return CompletableFuture.completedFuture(holders.putIfAbsent(NicknameRegistry.key(nickname), holder) == null);
    }

    @Override
    public CompletableFuture<Void> release(String connectionId, String nickname) {
        holders.remove(NicknameRegistry.key(nickname), new Holder(connectionId, nickname));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<List<String>> nicknames() {
        return CompletableFuture.completedFuture(holders.values().stream().map(Holder::nickname)
                .sorted(String.CASE_INSENSITIVE_ORDER).toList());
    }
}
