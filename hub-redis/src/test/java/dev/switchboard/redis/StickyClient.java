package dev.switchboard.redis;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import com.microsoft.signalr.TransportEnum;
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
