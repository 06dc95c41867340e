package dev.switchboard.redis;

import dev.switchboard.spi.HubLifetimeManager;
import dev.switchboard.spi.LifetimeManagerSettings;
import dev.switchboard.spi.ScaleOutLifetimeManagerContract;
import dev.switchboard.testing.RedisServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The Redis manager keeps the lifetime-manager contract, on one server and across two, over a real redis-server
 * (skipped outside CI when it is not installed). Each test gets a channel prefix of its own, so that nothing a
 * previous test's servers published or listened on reaches it.
 */
class RedisHubLifetimeManagerContractTest extends ScaleOutLifetimeManagerContract {

    private static RedisServer redis;
    private static int tests;

    private final List<RedisBackplane> backplanes = new ArrayList<>();
    private String prefix;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServer.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (redis != null) {
            redis.close();
        }
    }

    @BeforeEach
    void newPrefix() {
        prefix = "contract" + ++tests;
    }

    @AfterEach
    void closeBackplanes() {
        backplanes.forEach(RedisBackplane::close);
    }

    @Override
    protected HubLifetimeManager newManager(LifetimeManagerSettings settings) {
        return server(settings);
    }

    @Override
    protected List<HubLifetimeManager> newPeerManagers(LifetimeManagerSettings settings) {
        return List.of(server(settings), server(settings));
    }

    /** The manager of one more server: a backplane of its own, as a separate process would have. */
    private HubLifetimeManager server(LifetimeManagerSettings settings) {
        RedisBackplane backplane = RedisBackplane.builder(redis.uri()).channelPrefix(prefix).build();
        backplanes.add(backplane);
        return backplane.lifetimeManager(settings);
    }
}
