package dev.switchboard.samples.chat;

import dev.switchboard.HubServer;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** Runs the chat room: {@code java -jar chat.jar --port 8080}. */
public final class Main {

    private static final int REDIS_UNREACHABLE = 1;
    private static final int USAGE_ERROR = 2;
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
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
        // Grizzly and Tyrus log through java.util.logging; send that to SLF4J like everything else.
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();

        RedisChat redis = options.redis() == null ? null : connectOrExit(options.redis());
        HubServer server = start(options, redis);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // The server first: its departing users free their nicknames through Redis.
            server.close();
            if (redis != null) {
                redis.close();
            }
            log.info("Chat room stopped");
        }, "chat-shutdown"));
        String scheme = options.keystore() == null ? "http" : "https";
        System.out.println("Chat room running at " + scheme + "://localhost:" + server.port() + "/");
        // The server's threads are daemons: keep the JVM alive until it is stopped (Ctrl+C, SIGTERM).
        Thread.currentThread().join();
    }

    /** Redis, or an exit with a one-line error: a server that cannot share its room should not run alone. */
    private static RedisChat connectOrExit(String redisUri) {
        try {
            return RedisChat.connect(redisUri);
        } catch (IllegalStateException e) {
            System.err.println("Error: " + e.getMessage());
            System.exit(REDIS_UNREACHABLE);
            return null;
        }
    }

    private static HubServer start(ChatOptions options, RedisChat redis) throws IOException {
        try {
            return ChatServer.create(options, redis).start();
        } catch (IOException | RuntimeException e) {
            if (redis != null) {
                redis.close();
            }
            throw e;
        }
    }
}
