package dev.switchboard.redis;

import com.google.inject.Guice;
import com.google.inject.name.Names;
import dev.switchboard.HubServer;
import dev.switchboard.SwitchboardModule;
import dev.switchboard.testing.Nginx;
import dev.switchboard.testing.RedisServer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A real redis-server, servers A and B on it, each with a backplane of its own as two processes would have,
 * serving {@link StickyHub} at {@code /sticky} and the files of a folder, and nginx in front of both servers
 * in each configuration of {@link StickyNginx}.
 */
final class StickyServers implements AutoCloseable {

    private final RedisServer redis;
    /** What to close, last started first. */
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private Nginx sticky;
    private Nginx byAddress;
    private Nginx roundRobin;

    private StickyServers(RedisServer redis) {
        this.redis = redis;
    }

    /** Starts everything; nginx keeps its configurations and logs in {@code folder}. */
    static StickyServers start(Path folder, Path site) throws Exception {
        StickyServers servers = new StickyServers(RedisServer.start());
        try {
            HubServer a = servers.server("A", site);
            HubServer b = servers.server("B", site);
            servers.sticky = servers.started(StickyNginx.sticky(folder, a.port(), b.port()));
            servers.byAddress = servers.started(StickyNginx.byAddress(folder, a.port(), b.port()));
            servers.roundRobin = servers.started(StickyNginx.roundRobin(folder, a.port(), b.port()));
            return servers;
        } catch (Exception | Error e) {
            servers.close();
            throw e;
        }
    }

    /** {@code path} on the sticky nginx, such as {@code /sticky} for the hub. */
    String sticky(String path) {
        return "http://localhost:" + sticky.port() + path;
    }

    /** {@code path} on the nginx sticky by the address in {@code X-Forwarded-For}. */
    String byAddress(String path) {
        return "http://localhost:" + byAddress.port() + path;
    }

    /** {@code path} on the round-robin nginx. */
    String roundRobin(String path) {
        return "http://localhost:" + roundRobin.port() + path;
    }

    private HubServer server(String name, Path site) throws Exception {
        RedisBackplane backplane = started(RedisBackplane.connect(redis.uri()));
        return started(HubServer.builder().host("127.0.0.1").port(0).hub("/sticky", StickyHub.class)
                .injector(Guice.createInjector(new SwitchboardModule(backplane, StickyHub.class),
                        binder -> binder.bindConstant().annotatedWith(Names.named("server")).to(name)))
                .staticFiles(site).build().start());
    }

    private <T extends AutoCloseable> T started(T resource) {
        started.push(resource);
        return resource;
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable resource : started) {
            resource.close();
        }
        redis.close();
    }
}
