package dev.switchboard.bench.load;

import jakarta.websocket.WebSocketContainer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import org.apache.tomcat.websocket.WsWebSocketContainer;

/**
 * A load-generator process: holds thousands of clients on a few threads and answers the orchestrator's
 * commands, one line each on standard input, with one line on standard output.
 *
 * <pre>
 * open &lt;signalr|messagepack|socketio&gt; &lt;ws|ws-deflate|lp&gt; &lt;host:port&gt; &lt;count&gt; &lt;first id&gt;  → opened &lt;ok&gt; &lt;failed&gt; &lt;first error&gt;
 * reset                       → ok
 * count                       → count &lt;delivered&gt; &lt;lost connections&gt;
 * stats                       → stats &lt;delivered&gt; &lt;last delivery nanos&gt; &lt;polls with messages&gt; &lt;lost&gt; &lt;histogram&gt;
 * echo &lt;clients&gt; &lt;seconds&gt; [&lt;in flight&gt;]   → echo &lt;round trips&gt; &lt;failures&gt; &lt;histogram&gt;
 * close                       → closed, and the process ends
 * </pre>
 */
public final class Worker {

    /** Opens in flight at once: enough to connect thousands quickly without a flood of handshakes. */
    private static final int OPENING_AT_ONCE = 200;
    private static final Duration OPEN_LIMIT = Duration.ofSeconds(60);
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(10);
    /**
     * Each java.net.http client reads on one selector thread; two share the receiving. Their callbacks run
     * right there (a direct executor): the listeners only count and parse, and a hand-off to another thread
     * per message costs more than the work.
     */
    private static final int HTTP_CLIENTS = 2;
    /** Threads connecting Tomcat's clients, which connect blocking; enough to keep {@link #OPENING_AT_ONCE} busy. */
    private static final int DEFLATE_CONNECTING = 16;

    private final Deliveries deliveries = new Deliveries();
    private final List<LoadClient> clients = new ArrayList<>();
    private final List<HttpClient> http = new ArrayList<>();
    /** Tomcat's client container, made on the first permessage-deflate client. */
    private WebSocketContainer tomcat;
    private ExecutorService connecting;

    private Worker() {
        for (int i = 0; i < HTTP_CLIENTS; i++) {
            http.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(Runnable::run)
                    .connectTimeout(OPEN_LIMIT).build());
        }
        ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor(daemon("worker-keep-alive"));
        keepAlive.scheduleAtFixedRate(this::keepAlive, KEEP_ALIVE.toMillis(), KEEP_ALIVE.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Worker worker = new Worker();
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = commands.readLine()) != null) {
            String[] words = line.trim().split(" ");
            String reply = switch (words[0]) {
                case "open" -> worker.open(Dialect.named(words[1]), words[2], words[3], Integer.parseInt(words[4]),
                        Integer.parseInt(words[5]));
                case "reset" -> {
                    worker.deliveries.reset();
                    yield "ok";
                }
                case "count" -> "count " + worker.deliveries.delivered();
                case "stats" -> "stats " + worker.deliveries.snapshot();
                case "echo" -> worker.echo(Integer.parseInt(words[1]), Integer.parseInt(words[2]),
                        words.length > 3 ? Integer.parseInt(words[3]) : 1);
                case "close" -> worker.close();
                default -> "error unknown command " + words[0];
            };
            System.out.println(reply);
            System.out.flush();
            if (words[0].equals("close")) {
                return;
            }
        }
    }

    private String open(Dialect dialect, String transport, String address, int count, int firstId)
            throws InterruptedException {
        Semaphore opening = new Semaphore(OPENING_AT_ONCE);
        CountDownLatch done = new CountDownLatch(count);
        AtomicLong failed = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>("-");
        for (int i = 0; i < count; i++) {
            opening.acquire();
            LoadClient client = client(dialect, transport, address, http.get(i % http.size()));
            synchronized (clients) {
                clients.add(client);
            }
            client.open("u" + (firstId + i)).orTimeout(OPEN_LIMIT.toSeconds(), TimeUnit.SECONDS)
                    .whenComplete((v, failure) -> {
                        if (failure != null && failed.getAndIncrement() == 0) {
                            firstError.set(String.valueOf(failure).replace(' ', '_'));
                        }
                        opening.release();
                        done.countDown();
                    });
        }
        done.await();
        return "opened " + (count - failed.get()) + " " + failed.get() + " " + firstError.get();
    }

    private LoadClient client(Dialect dialect, String transport, String address, HttpClient httpClient) {
        LoadClient.Receiver receiver = deliveries::message;
        return switch (transport) {
            case "ws" -> new WebSocketClient(httpClient, "ws://" + address, dialect, receiver, deliveries::closed);
            case "ws-deflate" -> new DeflateWebSocketClient(tomcat(), connecting, "ws://" + address, dialect, receiver,
                    deliveries::closed);
            case "lp" -> new LongPollingClient(httpClient, "http://" + address + "/chat", dialect, receiver,
                    deliveries);
            default -> throw new IllegalArgumentException("Unknown transport " + transport);
        };
    }

    private WebSocketContainer tomcat() {
        if (tomcat == null) {
            tomcat = new WsWebSocketContainer();
            connecting = Executors.newFixedThreadPool(DEFLATE_CONNECTING, daemon("worker-connect"));
        }
        return tomcat;
    }

    /**
     * Each of the first {@code count} clients invokes echo and awaits the answer, again and again, with
     * {@code inFlight} such loops each.
     */
    private String echo(int count, int seconds, int inFlight) throws InterruptedException {
        Histogram roundTrips = new Histogram(Deliveries.MAX_MICROS, 3);
        AtomicLong failures = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        CountDownLatch done = new CountDownLatch(Math.min(count, clients.size()) * inFlight);
        for (LoadClient client : clients.subList(0, Math.min(count, clients.size()))) {
            for (int i = 0; i < inFlight; i++) {
                echoLoop(client, end, roundTrips, failures, done);
            }
        }
        done.await(seconds + 60L, TimeUnit.SECONDS);
        synchronized (roundTrips) {
            return "echo " + roundTrips.getTotalCount() + " " + failures.get() + " " + Deliveries.encode(roundTrips);
        }
    }

    private void echoLoop(LoadClient client, long end, Histogram roundTrips, AtomicLong failures,
                          CountDownLatch done) {
        long start = System.nanoTime();
        client.invoke("echo", "0123456789abcdef0123456789abcdef").whenComplete((v, failure) -> {
            long now = System.nanoTime();
            if (failure != null) {
                failures.incrementAndGet();
                done.countDown();
                return;
            }
            synchronized (roundTrips) {
                roundTrips.recordValue(Math.min(Deliveries.MAX_MICROS, (now - start) / 1000));
            }
            if (now < end) {
                echoLoop(client, end, roundTrips, failures, done);
            } else {
                done.countDown();
            }
        });
    }

    private void keepAlive() {
        List<LoadClient> all;
        synchronized (clients) {
            all = List.copyOf(clients);
        }
        all.forEach(LoadClient::keepAlive);
    }

    private String close() {
        synchronized (clients) {
            clients.forEach(LoadClient::close);
        }
        return "closed";
    }

    static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
