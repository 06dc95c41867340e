package dev.switchboard.samples.chat;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.signalr.HubConnection;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The official SignalR client, recording what the hub sends it as lines such as
 * {@code message(alice, hi)}, in arrival order. Since one connection's messages arrive in the order the
 * server sent them, "the next event is X" also proves that nothing was sent before X.
 */
final class ChatClient implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 10;

    private final HubConnection connection;
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();

    ChatClient(HubConnection connection) {
        this.connection = connection;
        connection.on("userJoined", nickname -> events.add("userJoined(" + nickname + ")"), String.class);
        connection.on("userLeft", nickname -> events.add("userLeft(" + nickname + ")"), String.class);
        connection.on("message", (String nickname, String text) -> events.add("message(" + nickname + ", " + text
                + ")"), String.class, String.class);
        connection.on("roomMessage", (String room, String nickname, String text) -> events.add("roomMessage("
                + room + ", " + nickname + ", " + text + ")"), String.class, String.class, String.class);
    }

    ChatClient start() {
        assertTrue(connection.start().blockingAwait(TIMEOUT_SECONDS, TimeUnit.SECONDS), "connected in time");
        return this;
    }

    /** Calls {@code join}; a {@link com.microsoft.signalr.HubException} carries the server's error. */
    List<?> join(String nickname) {
        return invoke(List.class, "join", nickname);
    }

    <T> T invoke(Class<T> result, String method, Object... args) {
        return connection.invoke(result, method, args).timeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).blockingGet();
    }

    /** Calls a method that returns nothing. */
    void call(String method, Object... args) {
        assertTrue(connection.invoke(method, args).blockingAwait(TIMEOUT_SECONDS, TimeUnit.SECONDS),
                method + " completed in time");
    }

    /** The next event, or null when none comes in time. */
    String nextEvent() throws InterruptedException {
        return events.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Closes the connection, as a client going away does. */
    void stop() {
        assertTrue(connection.stop().blockingAwait(TIMEOUT_SECONDS, TimeUnit.SECONDS), "stopped in time");
    }

    @Override
    public void close() {
        connection.stop().blockingAwait(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
