package dev.switchboard.samples.chat;

import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What joins a chat server to the others on one Redis: the nickname registry there. Its owner closes it
 * after the server, whose departing users still free their nicknames through it.
 */
public final class RedisChat implements AutoCloseable {

    /** The prefix of the chat's keys and channels in Redis. */
    public static final String PREFIX = "chat";
    private static final Logger log = LoggerFactory.getLogger(RedisChat.class);

    private final RedisNicknames nicknames;

    private RedisChat(RedisNicknames nicknames) {
        this.nicknames = nicknames;
    }

    /**
     * Connects to Redis.
     *
     * @param redisUri such as {@code redis://localhost:6379}
     * @throws IllegalStateException when Redis cannot be reached, with a message that says so
     */
    public static RedisChat connect(String redisUri) {
        String serverId = UUID.randomUUID().toString();
        RedisChat chat = new RedisChat(RedisNicknames.connect(redisUri, PREFIX, serverId,
                RedisNicknames.configuredTtl()));
        log.info("Sharing the chat room through Redis as server {}", serverId);
        return chat;
    }

    /** The nicknames of the room, across every server. */
    public NicknameRegistry nicknames() {
        return nicknames;
    }

    @Override
    public void close() {
        nicknames.close();
    }
}
