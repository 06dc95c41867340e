package dev.switchboard.samples.chat;

import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Who is in the chat: the nickname of each joined connection and the members of each room.
 *
 * <p>Hubs are created per call, so this state lives in one injected singleton. Every method locks it,
 * which keeps the three maps consistent with each other; calls are short and never wait on clients.
 */
@Singleton
public final class ChatRoom {

    /** Connection id to nickname, as the user typed it. */
    private final Map<String, String> nicknames = new HashMap<>();
    /** Lower-cased nicknames in use, so that "Alice" and "alice" cannot both join. */
    private final Set<String> taken = new HashSet<>();
    /** Room name to the ids of its member connections; a room exists while it has members. */
    private final Map<String, Set<String>> rooms = new HashMap<>();

    /**
     * Gives {@code connectionId} the nickname unless another connection has it, ignoring case.
     *
     * @return false when the nickname is taken
     */
    public synchronized boolean claim(String connectionId, String nickname) {
        if (nicknames.containsKey(connectionId)) {
            throw new IllegalStateException("Connection " + connectionId + " already has a nickname");
        }
        if (!taken.add(key(nickname))) {
            return false;
        }
        nicknames.put(connectionId, nickname);
        return true;
    }

    /** The nickname of a connection, or null when it has not joined. */
    public synchronized String nickname(String connectionId) {
        return nicknames.get(connectionId);
    }

    /** The nicknames online, sorted ignoring case. */
    public synchronized List<String> nicknames() {
        return nicknames.values().stream().sorted(String.CASE_INSENSITIVE_ORDER).toList();
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

    /** Whether a connection is a member of a room. */
    public synchronized boolean inRoom(String connectionId, String room) {
        Set<String> members = rooms.get(room);
        return members != null && members.contains(connectionId);
    }

    /**
     * Forgets a connection: frees its nickname and takes it out of its rooms.
     *
     * @return the nickname it had, or null when it never joined
     */
    public synchronized String leave(String connectionId) {
        String nickname = nicknames.remove(connectionId);
        if (nickname == null) {
            return null;
        }
        taken.remove(key(nickname));
        for (Iterator<Set<String>> members = rooms.values().iterator(); members.hasNext(); ) {
            Set<String> room = members.next();
            if (room.remove(connectionId) && room.isEmpty()) {
                members.remove();
            }
        }
        return nickname;
    }

    private static String key(String nickname) {
        return nickname.toLowerCase(Locale.ROOT);
    }
}
