package dev.switchboard.bench.run;

import dev.switchboard.bench.load.ChatMessage;
import dev.switchboard.bench.load.Dialect;
import dev.switchboard.bench.load.LoadClient;
import dev.switchboard.bench.load.WebSocketClient;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The clients that broadcast, over WebSocket: one per server, taking turns message by message. They are
 * joined like the others, so the first one's copy of each message tells it the server side has handled that
 * message (on a scale-out, one sent through another server has crossed the backplane to reach it): a burst
 * keeps a window of unanswered messages, enough to keep the servers busy without measuring how deep their
 * queues can grow.
 */
public final class Sender implements AutoCloseable {

    private static final Duration LIMIT = Duration.ofSeconds(120);

    private final Semaphore window;
    private final int windowSize;
    private final AtomicLong received = new AtomicLong();
    private final List<WebSocketClient> clients = new ArrayList<>();
    private final ScheduledExecutorService keepAlive;
    private volatile boolean lost;

    /** One sending client at each of {@code addresses} ({@code host:port}). */
    public Sender(Dialect dialect, List<String> addresses, int windowSize) throws Exception {
        this.windowSize = windowSize;
        this.window = new Semaphore(windowSize);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try {
            for (String address : addresses) {
                // Every sender gets every message; the first one's copies are enough to count.
                LoadClient.Receiver receiver = clients.isEmpty() ? sentNanos -> {
                    received.incrementAndGet();
                    window.release();
                } : sentNanos -> { };
                WebSocketClient client = new WebSocketClient(http, "ws://" + address, dialect, receiver,
                        () -> lost = true);
                clients.add(client);
                client.open("sender").get(LIMIT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            clients.forEach(WebSocketClient::close);
            throw e;
        }
        keepAlive = Executors.newSingleThreadScheduledExecutor();
        keepAlive.scheduleAtFixedRate(() -> clients.forEach(WebSocketClient::keepAlive), 10, 10, TimeUnit.SECONDS);
    }

    /** Sends {@code messages} of {@code size} characters back to back, at most a window unanswered. */
    public void burst(int messages, int size) throws InterruptedException {
        start();
        for (int sequence = 0; sequence < messages; sequence++) {
            if (!window.tryAcquire(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("The server did not echo message " + (sequence - windowSize)
                        + " to the sender within " + LIMIT);
            }
            send(sequence, size);
        }
        awaitOwnCopies(messages);
    }

    /** Sends {@code messages} of {@code size} characters, one every {@code interval}. */
    public void paced(int messages, int size, Duration interval) throws InterruptedException {
        start();
        long first = System.nanoTime();
        for (int sequence = 0; sequence < messages; sequence++) {
            long wait = first + sequence * interval.toNanos() - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            send(sequence, size);
        }
        awaitOwnCopies(messages);
    }

    private void start() {
        received.set(0);
        window.drainPermits();
        window.release(windowSize);
    }

    private void send(int sequence, int size) {
        if (lost) {
            throw new IllegalStateException("The server closed the sender's connection");
        }
        clients.get(sequence % clients.size()).send("send", ChatMessage.text(sequence, size));
    }

    private void awaitOwnCopies(int messages) throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (received.get() < messages) {
            if (System.nanoTime() > deadline || lost) {
                throw new IllegalStateException("The sender got " + received.get() + " of its " + messages
                        + " messages back");
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }

    @Override
    public void close() {
        keepAlive.shutdownNow();
        clients.forEach(WebSocketClient::close);
    }
}
