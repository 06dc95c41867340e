package dev.switchboard.samples.chat;

import dev.switchboard.HubServer;
import java.io.IOException;

/** Runs the chat room: {@code java -jar chat.jar --port 8080}. */
public final class Main {

    /** Redis unreachable, or the server could not start: the port is in use, a keystore will not do, ... */
    private static final int FAILED = 1;
    private static final int USAGE_ERROR = 2;

    private Main() {
    }

    /** Starts the server as the command line asks, and runs until it is stopped (Ctrl+C, SIGTERM). */
    public static void main(String[] args) throws InterruptedException {
        ChatOptions options;
        try {
            options = ChatOptions.parse(args);
        } catch (ChatOptions.UsageException e) {
            System.err.println("Error: " + e.getMessage());
            System.err.println(ChatOptions.USAGE);
            System.exit(USAGE_ERROR);
            return;
        }
        if (options.help()) {
            System.out.println(ChatOptions.USAGE);
            return;
        }
        RedisChat redis = options.redis() == null ? null : connectOrExit(options.redis());
        HubServer server = startOrExit(options, redis);
        if (redis != null) {
            // The server's own hook drains it; its departing users free their nicknames through Redis, so Redis
            // closes after it: close() waits for the drain under way.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                redis.close();
            }, "chat-redis-shutdown"));
        }
        String scheme = options.keystore() == null ? "http" : "https";
        System.out.println("Chat room running at " + scheme + "://localhost:" + server.port() + "/");
        server.join();
    }

    /** Redis, or an exit with a one-line error: a server that cannot share its room should not run alone. */
    private static RedisChat connectOrExit(String redisUri) {
        try {
            return RedisChat.connect(redisUri);
        } catch (IllegalStateException e) {
            System.err.println("Error: " + e.getMessage());
            System.exit(FAILED);
            return null;
        }
    }

    /** The started server, or an exit with the one-line reason it could not start, such as a port in use. */
    private static HubServer startOrExit(ChatOptions options, RedisChat redis) {
        try {
            return ChatServer.create(options, redis).start();
        } catch (IOException | IllegalArgumentException e) {
            if (redis != null) {
                redis.close();
            }
            System.err.println("Error: " + e.getMessage());
            System.exit(FAILED);
            return null;
        }
    }
}
