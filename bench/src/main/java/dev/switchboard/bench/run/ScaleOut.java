package dev.switchboard.bench.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Several Switchboard servers on one Redis backplane, measured as one: clients are spread over them, and
 * the CPU time is theirs and, when the benchmark started it, Redis's.
 */
public final class ScaleOut implements Deployment {

    private final RedisProcess redis;
    private final List<ServerProcess> servers = new ArrayList<>();

    /**
     * Starts {@code count} servers with {@code jvmOptions} on {@code redis}, which it closes last. They start
     * side by side: each takes seconds to load Lettuce and connect.
     */
    public ScaleOut(RedisProcess redis, int count, Path jar, List<String> jvmOptions, Path logs)
            throws IOException, InterruptedException {
        this.redis = redis;
        ExecutorService starting = Executors.newFixedThreadPool(count);
        List<Future<ServerProcess>> started = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            int number = i;
            started.add(starting.submit(() -> ServerProcess.switchboardOnRedis(jar, jvmOptions, logs, redis.uri(),
                    number)));
        }
        starting.shutdown();
        Throwable failure = null;
        for (Future<ServerProcess> server : started) {
            try {
                servers.add(server.get());
            } catch (ExecutionException e) {
                failure = e.getCause();
            }
        }
        if (failure != null) {
            close();
            throw new IOException("A server on Redis did not start: " + failure.getMessage(), failure);
        }
    }

    @Override
    public String name() {
        return servers.size() + " × switchboard + Redis";
    }

    @Override
    public List<String> addresses() {
        return servers.stream().map(ServerProcess::address).toList();
    }

    @Override
    public CpuTime cpuTime() throws IOException {
        CpuTime total = redis.cpuTime();
        for (ServerProcess server : servers) {
            total = total.plus(server.cpuTime());
        }
        return total;
    }

    /** The servers' peak resident sets; Redis's is left out. */
    @Override
    public long peakRssBytes() throws IOException {
        long total = 0;
        for (ServerProcess server : servers) {
            total += server.peakRssBytes();
        }
        return total;
    }

    @Override
    public long publishes() {
        return redis.publishes();
    }

    /** Stops the servers, then Redis. */
    @Override
    public void close() {
        servers.forEach(ServerProcess::close);
        redis.close();
    }
}
