package dev.switchboard;

import com.microsoft.signalr.HttpHubConnectionBuilder;
import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import dev.switchboard.testing.Await;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** Connections of the official Java SignalR client to a test server, all stopped at the end. */
final class JavaClients implements AutoCloseable {

    private final int port;
    private final List<HubConnection> connections = new ArrayList<>();

    JavaClients(int port) {
        this.port = port;
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** A started connection with the client's defaults. */
    HubConnection connect(String path) {
        return connect(path, UnaryOperator.identity());
    }

    /** A started connection, its builder adjusted by {@code options}. */
    HubConnection connect(String path, UnaryOperator<HttpHubConnectionBuilder> options) {
        HubConnection connection = build(path, options);
        connection.start().blockingAwait(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return connection;
    }

    /** A connection not yet started, for handlers that must be in place before it starts. */
    HubConnection build(String path, UnaryOperator<HttpHubConnectionBuilder> options) {
        HubConnection connection = options.apply(HubConnectionBuilder.create(url(path))).build();
        connections.add(connection);
        return connection;
    }

    /** Every invocation of {@code method} the client receives, by its single string argument. */
    static BlockingQueue<String> inbox(HubConnection connection, String method) {
        BlockingQueue<String> inbox = new LinkedBlockingQueue<>();
        connection.on(method, inbox::add, String.class);
        return inbox;
    }

    @Override
    public void close() {
        for (HubConnection connection : connections) {
            try {
                connection.stop().blockingAwait(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (RuntimeException e) {
                // A connection the server failed (1009, 1002) may report how its socket ended when it is stopped,
                // such as a broken pipe for its close reply: the tests judge the server, not the client's teardown.
            }
        }
    }
}
