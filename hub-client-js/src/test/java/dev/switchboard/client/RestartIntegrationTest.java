package dev.switchboard.client;

import com.google.inject.Guice;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.HubServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs {@code test/integration/restart.test.mjs}, our client then the official one: a hub server on a fixed
 * port is closed and another started on that port, and clients built with automatic reconnect must find it
 * by themselves. The Node test asks for each restart with {@code POST /restart} on a small control server,
 * answered once the new hub server listens.
 */
class RestartIntegrationTest {

    private static HubServer hubs;
    private static int generation;
    private static HttpServer control;

    @BeforeAll
    static void start() throws Exception {
        hubs = hubServer(0);
        control = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        control.createContext("/restart", RestartIntegrationTest::restart);
        control.start();
    }

    @AfterAll
    static void stop() {
        control.stop(0);
        hubs.close();
    }

    @Test
    void clientReconnectsToTheRestartedServerOverEveryTransport() throws Exception {
        run("switchboard");
    }

    @Test
    void theOfficialClientReconnectsTheSameWay() throws Exception {
        Node.npmInstall();
        run("official");
    }

    private static synchronized HubServer hubServer(int port) throws IOException {
        RestartTestHub.Generation next = new RestartTestHub.Generation(++generation);
        return HubServer.builder()
                .port(port)
                .hub("/restart", RestartTestHub.class)
                .injector(Guice.createInjector(binder -> binder.bind(RestartTestHub.Generation.class).toInstance(next)))
                .build()
                .start();
    }

    /** Closes the hub server and starts the next on its port; 204 once it listens, 500 with the reason if not. */
    private static void restart(HttpExchange exchange) throws IOException {
        int status = 204;
        byte[] body = new byte[0];
        synchronized (RestartIntegrationTest.class) {
            int port = hubs.port();
            hubs.close();
            try {
                hubs = hubServer(port);
            } catch (IOException | RuntimeException e) {
                status = 500;
                body = ("Could not start a server on port " + port + " again: " + e).getBytes(StandardCharsets.UTF_8);
            }
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void run(String client) throws Exception {
        System.out.println(Node.run(
                List.of("node", "--experimental-websocket", "--no-warnings", "--test", "--test-reporter=spec",
                        "--test-concurrency=1", "--test-timeout=60000", "test/integration/restart.test.mjs"),
                Map.of("SWITCHBOARD_RESTART_URL", "http://127.0.0.1:" + hubs.port(),
                        "SWITCHBOARD_CONTROL_URL", "http://127.0.0.1:" + control.getAddress().getPort(),
                        "SWITCHBOARD_CLIENT", client),
                300));
    }
}
