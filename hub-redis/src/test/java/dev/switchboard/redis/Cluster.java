package dev.switchboard.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import com.microsoft.signalr.TransportEnum;
import dev.switchboard.HubOptions;
import dev.switchboard.HubServer;
import dev.switchboard.testing.RedisServer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real redis-server and several hub servers on it, each with a backplane of its own as separate processes
 * would have, and the official Java clients connected to them.
 */
final class Cluster implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(20);

    final RedisServer redis;
    final List<RedisBackplane> backplanes = new ArrayList<>();
    final List<HubServer> servers = new ArrayList<>();
    private final List<HubConnection> clients = new ArrayList<>();

    private Cluster(RedisServer redis) {
        this.redis = redis;
    }

    /** Starts redis-server and {@code count} servers of {@link ScaleOutHub} at {@code /scale}, prefix "test". */
    static Cluster start(int count) throws Exception {
        Cluster cluster = new Cluster(RedisServer.start());
        for (int i = 0; i < count; i++) {
            cluster.addServer("test", HubOptions.defaults());
        }
        return cluster;
    }

    /** Starts one more server on this Redis, with detailed errors on and the given prefix. */
    void addServer(String channelPrefix, HubOptions options) throws IOException {
        RedisBackplane backplane = RedisBackplane.builder(redis.uri()).channelPrefix(channelPrefix)
                .maxReconnectDelay(Duration.ofMillis(200)).build();
        backplanes.add(backplane);
        servers.add(HubServer.builder().host("127.0.0.1").port(0).hub("/scale", ScaleOutHub.class)
                .options(options.withEnableDetailedErrors(true)).backplane(backplane)
                .userIdProvider(request -> request.header("X-User")).build().start());
    }

    /** A started connection of user {@code user} to server {@code index}. */
    Client connect(int index, String user, TransportEnum transport) {
        HubConnection connection = HubConnectionBuilder
                .create("http://127.0.0.1:" + servers.get(index).port() + "/scale")
                .withHeader("X-User", user).withTransport(transport).build();
        clients.add(connection);
        Client client = new Client(connection);
        assertTrue(connection.start().blockingAwait(TIMEOUT.toSeconds(), TimeUnit.SECONDS), "connected in time");
        client.id = connection.invoke(String.class, "whoAmI").timeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .blockingGet();
        return client;
    }

    @Override
    public void close() throws Exception {
        for (HubConnection client : clients) {
            client.stop().blockingAwait(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
        servers.forEach(HubServer::close);
        backplanes.forEach(RedisBackplane::close);
        redis.close();
    }

    /** One official client: what it receives as {@code msg}, and its answers to {@code answer}. */
    static final class Client {

        final HubConnection connection;
        final BlockingQueue<String> inbox = new LinkedBlockingQueue<>();
        String id;

        Client(HubConnection connection) {
            this.connection = connection;
            connection.on("msg", inbox::add, String.class);
        }

        void call(String method, Object... args) {
            assertTrue(connection.invoke(method, args).blockingAwait(TIMEOUT.toSeconds(), TimeUnit.SECONDS),
                    method + " completed in time");
        }

        <T> T invoke(Class<T> type, String method, Object... args) {
            return connection.invoke(type, method, args).timeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                    .blockingGet();
        }

        /** The next message, failing when none comes in time. */
        String next(String what) throws InterruptedException {
            String message = inbox.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (message == null) {
                fail("Timed out waiting for " + what);
            }
            return message;
        }

        /** Asserts the next messages are exactly {@code expected}, in order. */
        void expect(String... expected) throws InterruptedException {
            for (String text : expected) {
                assertEquals(text, next(text));
            }
        }
    }
}
