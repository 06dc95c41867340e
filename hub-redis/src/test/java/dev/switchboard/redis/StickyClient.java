package dev.switchboard.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import com.microsoft.signalr.TransportEnum;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An official Java client of {@link StickyHub} that records its broadcasts. Each one comes from an address of
 * its own, in {@code X-Forwarded-For} as a load balancer in front of nginx would report it.
 */
final class StickyClient implements AutoCloseable {

    static final long TIMEOUT_SECONDS = 10;
    /** Where a new client lands is nginx's draw: with two servers, 24 clients all on one has odds of 2^-23. */
    private static final int MAX_CLIENTS = 24;
    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    private final HubConnection connection;
    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private volatile CountDownLatch closed;

    /** A started client of the hub at {@code url}. */
    StickyClient(String url, TransportEnum transport) {
        connection = HubConnectionBuilder.create(url).withTransport(transport)
                .withHeader("X-Forwarded-For", "198.51.100." + (1 + ADDRESSES.getAndIncrement() % 254)).build();
        connection.on("message", messages::add, String.class);
        connection.onClosed(error -> closed.countDown());
        start();
    }

    /**
     * Starts clients of {@code url} until one has landed on each of servers A and B, each staying on its server
     * from one call to the next, and returns them by server. Every client started is added to {@code started},
     * for the caller to close.
     */
    static Map<String, StickyClient> onBothServers(String url, TransportEnum transport, List<StickyClient> started) {
        Map<String, StickyClient> pinned = new LinkedHashMap<>();
        while (pinned.size() < 2 && started.size() < MAX_CLIENTS) {
            StickyClient client = new StickyClient(url, transport);
            started.add(client);
            String server = client.whereAmI();
            assertEquals(server, client.whereAmI(), "the server of a second invocation");
            pinned.putIfAbsent(server, client);
        }
        assertEquals(Set.of("A", "B"), pinned.keySet(), started.size() + " clients");
        return pinned;
    }

    /** Starts the connection, again after it closed; a client keeps its cookies and its address. */
    void start() {
        closed = new CountDownLatch(1);
        assertTrue(connection.start().blockingAwait(TIMEOUT_SECONDS, TimeUnit.SECONDS), "started in time");
    }

    String whereAmI() {
        return connection.invoke(String.class, "whereAmI").timeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).blockingGet();
    }

    void send(String text) {
        assertTrue(connection.invoke("send", text).blockingAwait(TIMEOUT_SECONDS, TimeUnit.SECONDS), "sent");
    }

    /** The next broadcast, or null when none comes in time. */
    String nextMessage() throws InterruptedException {
        return messages.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Waits until the server ends the connection. */
    void awaitClosed() throws InterruptedException {
        assertTrue(closed.await(TIMEOUT_SECONDS, TimeUnit.SECONDS), "closed by the server in time");
    }

    @Override
    public void close() {
        connection.stop().blockingAwait(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
