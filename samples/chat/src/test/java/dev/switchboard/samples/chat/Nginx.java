package dev.switchboard.samples.chat;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Assumptions;

/**
 * A real nginx in front of the server, on a free loopback port, with a configuration written here. Both
 * variants carry long-lived requests as a deployment guide would have them (a read timeout above the
 * 90 s poll, no buffering); only the forwarding one passes the WebSocket upgrade on.
 */
final class Nginx implements AutoCloseable {

    /** How the proxy treats the {@code Upgrade} header. */
    enum Upgrade {
        /** The common misconfiguration: a plain proxy_pass, so WebSocket upgrades never reach the server. */
        STRIPPED,
        /** The documented configuration: the upgrade is forwarded and WebSockets work. */
        FORWARDED
    }

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final Process process;
    private final int port;

    private Nginx(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts nginx in front of {@code upstreamPort}; outside CI, skips the test when nginx is missing. */
    static Nginx start(int upstreamPort, Upgrade upgrade, Path folder) throws Exception {
        Path binary = Path.of("/usr/sbin/nginx");
        if (!Files.isExecutable(binary)) {
            if ("true".equals(System.getenv("CI"))) {
                fail("nginx is required in CI (apt-get install nginx): " + binary + " is missing");
            }
            Assumptions.abort("nginx is not installed (apt-get install nginx); skipping the proxy tests");
        }
        int port = freePort();
        Path config = folder.resolve("nginx-" + upgrade.name().toLowerCase() + ".conf");
        Files.writeString(config, config(folder, port, upstreamPort, upgrade));
        Process process = new ProcessBuilder(binary.toString(), "-p", folder.toString(), "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(folder.resolve("nginx.out").toFile()).start();
        Nginx nginx = new Nginx(process, port);
        nginx.awaitListening(folder);
        return nginx;
    }

    int port() {
        return port;
    }

    /** The configuration this test runs, and the README recommends in its forwarding form. */
    static String config(Path folder, int port, int upstreamPort, Upgrade upgrade) {
        String forwarding = upgrade == Upgrade.FORWARDED ? """
                        proxy_set_header Upgrade $http_upgrade;
                        proxy_set_header Connection $connection_upgrade;
                """ : "";
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
                    server {
                        listen 127.0.0.1:%2$d;
                        location / {
                            proxy_pass http://127.0.0.1:%3$d;
                            proxy_http_version 1.1;
                            proxy_set_header Host $http_host;
                %4$s            proxy_read_timeout 120s;
                            proxy_send_timeout 120s;
                            proxy_buffering off;
                            proxy_cache off;
                        }
                    }
                }
                """.formatted(folder, port, upstreamPort, forwarding);
    }

    private void awaitListening(Path folder) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail("nginx exited: " + Files.readString(folder.resolve("nginx.out")) + " "
                        + readIfExists(folder.resolve("error.log")));
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

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
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
