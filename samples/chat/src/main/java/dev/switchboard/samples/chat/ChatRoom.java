package dev.switchboard.samples.chat;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Who is in the chat: the nickname and rooms of each joined connection of this server, and, through the
 * {@link NicknameRegistry}, the nicknames of the whole room, which may span servers.
 *
 * <p>Hubs are created per call, so this state lives in one injected singleton. Every method locks it, which
 * keeps the two maps consistent with each other; calls are short and never wait on clients or the network.
 * Rooms are kept per server: only a connection's own server asks whether it is in a room, and delivery to a
 * room's members on other servers is the backplane's work (each room is a group).
 */
@Singleton
public final class ChatRoom {

    private final NicknameRegistry registry;
    /** Connection id to nickname, as the user typed it. */
    private final Map<String, String> nicknames = new HashMap<>();
    /** Room name to the ids of its member connections; a room exists while it has members. */
    private final Map<String, Set<String>> rooms = new HashMap<>();

    /** A chat room of this server alone. */
    public ChatRoom() {
        this(new LocalNicknames());
    }

    @Inject
    public ChatRoom(NicknameRegistry registry) {
        this.registry = registry;
    }

    /**
     * Gives {@code connectionId} the nickname unless another connection has it, ignoring case. The hub calls
     * one connection's methods one at a time, so a connection never has two claims under way.
     *
     * @return a future of false when the nickname is taken
     */
    public CompletableFuture<Boolean> claim(String connectionId, String nickname) {
        synchronized (this) {
            if (nicknames.containsKey(connectionId)) {
                throw new IllegalStateException("Connection " + connectionId + " already has a nickname");
            }
        }
        return registry.claim(connectionId, nickname).thenApply(claimed -> {
            if (claimed) {
                synchronized (this) {
                    nicknames.put(connectionId, nickname);
                }
            }
            return claimed;
        });
    }

    /** The nickname of a connection of this server, or null when it has not joined. */
    public synchronized String nickname(String connectionId) {
        return nicknames.get(connectionId);
    }

    /** A future of the nicknames online, sorted ignoring case. */
    public CompletableFuture<List<String>> nicknames() {
        return registry.nicknames();
    }

    /** Adds a joined connection to a room, creating the room; joining a room twice is harmless. */
    public synchronized void enterRoom(String connectionId, String room) {
        rooms.computeIfAbsent(room, name -> new HashSet<>()).add(connectionId);
    }

    /**
     * Takes a connection out of a room; the room goes away with its last member.
     *
     * @return false when the connection was not in the room
     */
    public synchronized boolean leaveRoom(String connectionId, String room) {
        Set<String> members = rooms.get(room);
        if (members == null || !members.remove(connectionId)) {
            return false;
        }
        if (members.isEmpty()) {
            rooms.remove(room);
        }
        return true;
    }

    /** Whether a connection of this server is a member of a room. */
    public synchronized boolean inRoom(String connectionId, String room) {
        Set<String> members = rooms.get(room);
        return members != null && members.contains(connectionId);
    }

    /**
     * Forgets a connection: takes it out of its rooms and frees its nickname.
     *
     * @return a future of the nickname it had, or of null when it never joined, that completes once the nickname
     *         is free or freeing it has failed; never exceptionally
     */
    public CompletableFuture<String> leave(String connectionId) {
        String nickname;
        synchronized (this) {
            nickname = nicknames.remove(connectionId);
            if (nickname == null) {
                return CompletableFuture.completedFuture(null);
            }
            for (Iterator<Set<String>> members = rooms.values().iterator(); members.hasNext(); ) {
                Set<String> room = members.next();
                if (room.remove(connectionId) && room.isEmpty()) {
                    members.remove();
                }
            }
        }
        return registry.release(connectionId, nickname).thenApply(freed -> nickname);
    }
}
