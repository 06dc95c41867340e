package dev.switchboard.samples.chat;

import dev.switchboard.redis.RedisBackplane;

/**
 * What joins a chat server to the others on one Redis in one chat room: the backplane, which carries every
 * message and group across servers, and the registry of the room's nicknames. Its owner closes it after the
 * server, whose departing users still free their nicknames and say goodbye through it.
 */
public final class RedisChat implements AutoCloseable {

    /** The prefix of the chat's channels and keys in Redis. */
    public static final String PREFIX = "chat";

    private final RedisBackplane backplane;
    private final RedisNicknames nicknames;

    private RedisChat(RedisBackplane backplane, RedisNicknames nicknames) {
        this.backplane = backplane;
        this.nicknames = nicknames;
    }

    /**
     * Connects to Redis.
     *
     * @param redisUri such as {@code redis://localhost:6379}
     * @throws IllegalStateException when Redis cannot be reached, with a message that says so
     */
    public static RedisChat connect(String redisUri) {
        RedisBackplane backplane = RedisBackplane.builder(redisUri).channelPrefix(PREFIX).build();
        try {
            return new RedisChat(backplane, RedisNicknames.connect(redisUri, PREFIX, backplane.serverId(),
                    RedisNicknames.configuredTtl()));
        } catch (RuntimeException e) {
            backplane.close();
            throw e;
        }
    }

    public RedisBackplane backplane() {
        return backplane;
    }

    /** The nicknames of the room, across every server. */
    public NicknameRegistry nicknames() {
        return nicknames;
    }

    /** The registry first: its last deletions may still be under way, and the backplane carries no state. */
    @Override
    public void close() {
        nicknames.close();
        backplane.close();
    }
}
