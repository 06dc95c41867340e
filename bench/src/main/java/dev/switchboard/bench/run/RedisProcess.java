package dev.switchboard.bench.run;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The Redis that scaled-out servers share: a {@code redis-server} the benchmark starts on a free loopback
 * port with persistence off, or one given by its URI. The benchmark reads from it, through Lettuce, how
 * many PUBLISH commands it has served, to show that a broadcast is published once whatever the servers.
 */
public final class RedisProcess implements AutoCloseable {

    private static final Duration START_LIMIT = Duration.ofSeconds(20);
    private static final String PUBLISH_STATS = "cmdstat_publish:calls=";

    private final String uri;
    private final Process process;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    private RedisProcess(String uri, Process process, StatefulRedisConnection<String, String> connection,
                         RedisClient client) {
        this.uri = uri;
        this.process = process;
        this.client = client;
        this.connection = connection;
    }

    /** Starts {@code redis-server} from the path on a free loopback port, logging to {@code logs}. */
    public static RedisProcess start(Path logs) throws IOException, InterruptedException {
        int port = freePort();
        Path log = logs.resolve("redis-server.log");
        Process process;
        try {
            process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IOException("redis-server is not installed (apt-get install redis-server); or give one with "
                    + "--redis redis://HOST:PORT", e);
        }
        String uri = "redis://127.0.0.1:" + port;
        RedisClient client = RedisClient.create(uri);
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (true) {
            try {
                return new RedisProcess(uri, process, client.connect(), client);
            } catch (RedisConnectionException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    client.shutdown();
                    throw new IOException("redis-server did not start on port " + port + ": "
                            + Files.readString(log).trim(), notYet);
                }
                // It is still binding its port: a few milliseconds more.
                TimeUnit.MILLISECONDS.sleep(20);
            }
        }
    }

    /** The Redis at {@code uri}, which the benchmark neither started nor stops. */
    public static RedisProcess given(String uri) {
        RedisClient client = RedisClient.create(uri);
        try {
            return new RedisProcess(uri, null, client.connect(), client);
        } catch (RedisConnectionException e) {
            client.shutdown();
            throw new IllegalStateException("Redis is not reachable at " + uri, e);
        }
    }

    /** {@code redis://HOST:PORT}, as the servers' {@code RedisBackplane} takes it. */
    public String uri() {
        return uri;
    }

    /** Its CPU time so far; zero for a Redis given by URI, whose process may be on another machine. */
    public CpuTime cpuTime() throws IOException {
        return process == null ? new CpuTime(0, 0) : CpuTime.of(process.pid());
    }

    /** PUBLISH commands it has served since it started, from {@code INFO commandstats}. */
    public long publishes() {
        for (String line : connection.sync().info("commandstats").split("\r?\n")) {
            if (line.startsWith(PUBLISH_STATS)) {
                return Long.parseLong(line.substring(PUBLISH_STATS.length(), line.indexOf(',')));
            }
        }
        return 0;
    }

    /** Its version, from {@code INFO server}. */
    public String version() {
        for (String line : connection.sync().info("server").split("\r?\n")) {
            if (line.startsWith("redis_version:")) {
                return line.substring("redis_version:".length()).trim();
            }
        }
        return "(unknown)";
    }

    /** Disconnects, and stops the redis-server it started. */
    @Override
    public void close() {
        connection.close();
        client.shutdown(0, 2, TimeUnit.SECONDS);
        if (process != null) {
            process.destroy();
            ChildProcess.awaitExit(process);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }
}
