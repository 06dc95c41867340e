package dev.switchboard.samples.chat;

import dev.switchboard.Hub;
import dev.switchboard.HubException;
import dev.switchboard.HubMethod;
import dev.switchboard.LogSafe;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat hub, mapped at {@code /chat}. A connection first {@code join}s with a nickname; it may then
 * send to everyone and to the rooms it has entered.
 *
 * <p>Client methods it calls: {@code userJoined(nickname)}, {@code userLeft(nickname)},
 * {@code message(nickname, text)} and {@code roomMessage(room, nickname, text)}.
 *
 * <p>Delivery uses groups: every joined connection is in {@value #EVERYONE}, and the members of room R
 * are in {@code "room:" + R}; no room name can produce the first one. On servers sharing a Redis
 * ({@link RedisChat}) the groups and the nicknames span them all, so they form one chat room; a call that
 * needs Redis while it is away fails with {@link RedisNicknames#UNREACHABLE}.
 */
public class ChatHub extends Hub {

    static final String EVERYONE = "everyone";
    static final int MAX_NAME_LENGTH = 32;
    private static final String ROOM_GROUP_PREFIX = "room:";
    private static final Logger log = LoggerFactory.getLogger(ChatHub.class);

    private final ChatRoom chat;

    @Inject
    public ChatHub(ChatRoom chat) {
        this.chat = chat;
    }

    /**
     * Enters the chat as {@code nickname}, trimmed; the others are told with {@code userJoined}.
     *
     * @return the nicknames online, sorted, the caller's included
     */
    @HubMethod
    public CompletableFuture<List<String>> join(String nickname) {
        String id = context().connectionId();
        String name = validName(nickname, "nickname");
        String current = chat.nickname(id);
        if (current != null) {
            throw new HubException("This connection has already joined with the nickname '" + current + "'");
        }
        // Claim, join the group, list, then announce: a connection joining at the same time, on any server, then
        // either appears in our list or announces itself to us, never neither.
        return chat.claim(id, name).thenCompose(claimed -> {
            if (!claimed) {
                throw new HubException("The nickname '" + name + "' is already in use");
            }
            return groups().add(id, EVERYONE)
                    .thenCompose(added -> chat.nicknames())
                    .whenComplete((online, failure) -> {
                        if (failure != null) {
                            // Not joined after all: free the nickname, leave the group; nobody was told.
                            chat.leave(id);
                            groups().remove(id, EVERYONE);
                        }
                    });
        }).thenApply(online -> {
            log.info("{} joined", LogSafe.escape(name));
            clients().othersInGroup(EVERYONE).send("userJoined", name);
            return online;
        });
    }

    /** Sends {@code text} to every joined connection, the caller included. */
    @HubMethod
    public CompletableFuture<Void> send(String text) {
        return clients().group(EVERYONE).send("message", requireJoined(), validText(text));
    }

    /** Enters {@code room}, creating it if needed. */
    @HubMethod
    public CompletableFuture<Void> joinRoom(String room) {
        requireJoined();
        String name = validName(room, "room name");
        chat.enterRoom(context().connectionId(), name);
        return groups().add(context().connectionId(), ROOM_GROUP_PREFIX + name);
    }

    /** Leaves {@code room}; the caller must be in it. */
    @HubMethod
    public CompletableFuture<Void> leaveRoom(String room) {
        requireJoined();
        String name = validName(room, "room name");
        if (!chat.leaveRoom(context().connectionId(), name)) {
            throw notInRoom(name);
        }
        return groups().remove(context().connectionId(), ROOM_GROUP_PREFIX + name);
    }

    /** Sends {@code text} to the members of {@code room}, which the caller must be in. */
    @HubMethod
    public CompletableFuture<Void> sendToRoom(String room, String text) {
        String nickname = requireJoined();
        String name = validName(room, "room name");
        if (!chat.inRoom(context().connectionId(), name)) {
            throw notInRoom(name);
        }
        return clients().group(ROOM_GROUP_PREFIX + name).send("roomMessage", name, nickname, validText(text));
    }

    /** The nicknames online, sorted. */
    @HubMethod
    public CompletableFuture<List<String>> users() {
        return chat.nicknames();
    }

    /** Frees the nickname and rooms of a joined connection and tells the others it left. */
    @Override
    public void onDisconnected(Throwable exception) {
        // Waits (at most the registry's command timeout) until the nickname is free: whoever hears that its user
        // left may take it at once.
        String nickname = chat.leave(context().connectionId()).join();
        if (nickname != null) {
            log.info("{} left", LogSafe.escape(nickname));
            // The server takes the connection out of its groups after this callback, so exclude it here.
            clients().othersInGroup(EVERYONE).send("userLeft", nickname);
        }
    }

    private String requireJoined() {
        String nickname = chat.nickname(context().connectionId());
        if (nickname == null) {
            throw new HubException("You must join the chat with a nickname first");
        }
        return nickname;
    }

    /** Trims a nickname or room name; {@code what} names it in the error message. */
    private static String validName(String value, String what) {
        String name = value == null ? "" : value.trim();
        if (name.isEmpty()) {
            throw new HubException("A " + what + " cannot be blank");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new HubException("A " + what + " has at most " + MAX_NAME_LENGTH + " characters");
        }
        return name;
    }

    private static String validText(String text) {
        if (text == null || text.isBlank()) {
            throw new HubException("A message cannot be empty");
        }
        return text;
    }

    private static HubException notInRoom(String room) {
        return new HubException("You are not in the room '" + room + "'");
    }
}
