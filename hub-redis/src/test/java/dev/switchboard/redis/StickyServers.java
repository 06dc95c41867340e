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
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * A real redis-server, servers A and B on it, each with a backplane of its own as two processes would have,
 * serving {@link StickyHub} at {@code /sticky} and the files of a folder, and nginx in front of both servers
 * in each configuration of {@link StickyNginx}.
 */
final class StickyServers implements AutoCloseable {

    /** How an nginx in front of the two servers routes a request. */
    enum Route {
        /** Sticky by the cookie nginx sets: {@link StickyNginx#sticky}. */
        COOKIE,
        /** Sticky by the address in {@code X-Forwarded-For}: {@link StickyNginx#byAddress}. */
        ADDRESS,
        /** Each request to the next server: {@link StickyNginx#roundRobin}. */
        ROUND_ROBIN
    }

    private final RedisServer redis;
    /** What to close, last started first. */
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Map<String, HubServer> servers = new HashMap<>();
    private final Map<Route, Nginx> proxies = new EnumMap<>(Route.class);

    private StickyServers(RedisServer redis) {
        this.redis = redis;
    }

    /**
     * Starts everything; nginx keeps its configurations and logs in {@code folder}, and the servers let pages
     * of {@code allowedOrigins} use the hub.
     */
    static StickyServers start(Path folder, Path site, String... allowedOrigins) throws Exception {
        StickyServers cluster = new StickyServers(RedisServer.start());
        try {
            int a = cluster.server("A", site, allowedOrigins).port();
            int b = cluster.server("B", site, allowedOrigins).port();
            cluster.proxies.put(Route.COOKIE, cluster.started(StickyNginx.sticky(folder, a, b)));
            cluster.proxies.put(Route.ADDRESS, cluster.started(StickyNginx.byAddress(folder, a, b)));
            cluster.proxies.put(Route.ROUND_ROBIN, cluster.started(StickyNginx.roundRobin(folder, a, b)));
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** {@code path}, such as {@code /sticky} for the hub, on the nginx that routes by {@code route}. */
    String url(Route route, String path) {
        return "http://localhost:" + proxies.get(route).port() + path;
    }

    /** Stops server A or B, as a server going away for good would; nginx stays as it is. */
    void stop(String name) {
        servers.get(name).close();
    }

    private HubServer server(String name, Path site, String... allowedOrigins) throws Exception {
        RedisBackplane backplane = started(RedisBackplane.connect(redis.uri()));
        HubServer server = started(HubServer.builder().host("127.0.0.1").port(0).hub("/sticky", StickyHub.class)
                .injector(Guice.createInjector(new SwitchboardModule(backplane, StickyHub.class),
                        binder -> binder.bindConstant().annotatedWith(Names.named("server")).to(name)))
                .staticFiles(site).allowedOrigins(allowedOrigins).build().start());
        servers.put(name, server);
        return server;
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
