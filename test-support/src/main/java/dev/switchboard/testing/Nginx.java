package dev.switchboard.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * A real nginx on a free loopback port, with a configuration a test writes as a deployment would. The fixture
 * writes the process settings (foreground, one worker, pid, logs and temporary files in the test's folder) and
 * the {@code $connection_upgrade} map; the test gives the rest of the {@code http} block: its upstreams and one
 * {@code server} listening on the port this fixture chose. One worker keeps round-robin balancing strictly
 * alternating, so a test can predict it. Outside CI a missing nginx skips the test; in CI ({@code CI=true}) it
 * fails.
 *
 * <pre>{@code
 * try (Nginx nginx = Nginx.start(folder, port -> """
 *         server {
 *             listen 127.0.0.1:%d;
 *             location / { %s }
 *         }
 *         """.formatted(port, Nginx.proxyDirectives("http://127.0.0.1:" + hub.port(), Nginx.Upgrade.FORWARDED)))) {
 *     ... "http://localhost:" + nginx.port() + "/chat" ...
 * }
 * }</pre>
 */
public final class Nginx implements AutoCloseable {

    /** How the proxy treats the {@code Upgrade} header. */
    public enum Upgrade {
        /** The common misconfiguration: a plain proxy_pass, so WebSocket upgrades never reach the server. */
        STRIPPED,
        /** The documented configuration: the upgrade is forwarded and WebSockets work. */
        FORWARDED
    }

    public static final Path BINARY = Path.of("/usr/sbin/nginx");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final Process process;
    private final int port;
    private final Path folder;

    private Nginx(Process process, int port, Path folder) {
        this.process = process;
        this.port = port;
        this.folder = folder;
    }

    /**
     * Starts nginx in front of one server at {@code upstreamPort}, with {@link #proxyDirectives} for every path.
     */
    public static Nginx start(int upstreamPort, Upgrade upgrade, Path folder) throws IOException {
        return start(folder, port -> """
                server {
                    listen 127.0.0.1:%d;
                    location / {
                %s    }
                }
                """.formatted(port, proxyDirectives("http://127.0.0.1:" + upstreamPort, upgrade).indent(8)));
    }

    /**
     * Starts nginx with {@code site(port)} inside its {@code http} block, and returns once it listens on
     * {@code port}. {@code folder} holds the configuration, {@code error.log} and the temporary files.
     */
    public static Nginx start(Path folder, IntFunction<String> site) throws IOException {
        if (!Files.isExecutable(BINARY)) {
            Prerequisites.missing("nginx is required (apt-get install nginx): " + BINARY + " is missing");
        }
        int port = Loopback.freePort();
        Path config = folder.resolve("nginx.conf");
        Files.writeString(config, config(folder, site.apply(port)));
        Process process = new ProcessBuilder(BINARY.toString(), "-p", folder.toString(), "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(folder.resolve("nginx.out").toFile()).start();
        Nginx nginx = new Nginx(process, port, folder);
        nginx.awaitListening();
        return nginx;
    }

    /**
     * The directives of a {@code location} in front of Switchboard, as the README recommends them: HTTP/1.1 to
     * the server, the client's {@code Host} (the server's same-origin check compares it with {@code Origin}), a
     * read timeout above the 90 s long poll, and no buffering, so that Server-Sent Events and polls flow at
     * once. With {@link Upgrade#FORWARDED} the WebSocket upgrade is passed on.
     */
    public static String proxyDirectives(String target, Upgrade upgrade) {
        String forwarding = upgrade == Upgrade.FORWARDED ? """
                proxy_set_header Upgrade $http_upgrade;
                proxy_set_header Connection $connection_upgrade;
                """ : "";
        return """
                proxy_pass %s;
                proxy_http_version 1.1;
                proxy_set_header Host $http_host;
                %sproxy_read_timeout 120s;
                proxy_send_timeout 120s;
                proxy_buffering off;
                proxy_cache off;
                """.formatted(target, forwarding);
    }

    /** The port nginx listens on, on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** What nginx wrote to its error log so far, for a failure message. */
    public String errorLog() throws IOException {
        return readIfExists(folder.resolve("error.log"));
    }

    private static String config(Path folder, String site) {
        // nginx run by root drops to "nobody" for its worker, which cannot read a test's private folder.
        String user = "root".equals(System.getProperty("user.name")) ? "user root;\n" : "";
        return user + """
                daemon off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 1024; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    map $http_upgrade $connection_upgrade {
                        default upgrade;
                        ''      close;
                    }
                %2$s}
                """.formatted(folder, site.indent(4));
    }

    private void awaitListening() throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("nginx exited: " + Files.readString(folder.resolve("nginx.out")) + " " + errorLog());
            }
            try (Socket probe = new Socket()) {
                probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        }
        fail("nginx did not listen on port " + port + " within " + START_TIMEOUT);
    }

    private static String readIfExists(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
