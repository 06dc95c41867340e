package dev.switchboard.samples.chat;

import dev.switchboard.HubServer;
import dev.switchboard.testing.RedisServer;

/**
 * The chat hub's contract on a chat room in Redis: the backplane and the nickname registry of {@code --redis},
 * one server on a real redis-server of its own for each test.
 */
class RedisChatHubTest extends ChatHubTest {

    private RedisServer redis;
    private RedisChat chat;

    @Override
    HubServer createServer() throws Exception {
        redis = RedisServer.start();
        chat = RedisChat.connect(redis.uri());
        return ChatServer.create(ChatOptions.onPort(0), chat);
    }

    @Override
    void afterServerClosed() throws Exception {
        if (chat != null) {
            chat.close();
        }
        if (redis != null) {
            redis.close();
        }
    }
}
