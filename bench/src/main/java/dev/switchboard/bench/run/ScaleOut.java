package dev.switchboard.bench.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Several Switchboard servers on one Redis backplane, measured as one: clients are spread over them, and
 * the CPU time is theirs and, when the benchmark started it, Redis's.
 */
public final class ScaleOut implements Deployment {

    private final RedisProcess redis;
    private final List<ServerProcess> servers = new ArrayList<>();

    /** Starts {@code count} servers with {@code jvmOptions} on {@code redis}, which it closes last. */
    public ScaleOut(RedisProcess redis, int count, Path jar, List<String> jvmOptions, Path logs) throws IOException {
        this.redis = redis;
        try {
            for (int number = 1; number <= count; number++) {
                servers.add(ServerProcess.switchboardOnRedis(jar, jvmOptions, logs, redis.uri(), number));
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
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

    @Override
    public long publishes() {
        return redis.publishes();
    }

    public RedisProcess redis() {
        return redis;
    }

    /** Stops the servers, then Redis. */
    @Override
    public void close() {
        servers.forEach(ServerProcess::close);
        redis.close();
    }
}
