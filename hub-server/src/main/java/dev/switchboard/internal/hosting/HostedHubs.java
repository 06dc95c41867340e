package dev.switchboard.internal.hosting;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.ConnectionRequest;
import dev.switchboard.internal.http.ConnectionManager;
import dev.switchboard.internal.http.HubRoute;
import dev.switchboard.internal.http.OriginPolicy;
import dev.switchboard.spi.host.HostExchange;
import dev.switchboard.spi.host.HubHost;
import dev.switchboard.spi.host.Upgrade;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;

/** A server's hubs for a host with its own HTTP server. */
public final class HostedHubs implements HubHost {

    private final List<HubRoute> routes;
    private final ConnectionManager connections;

    public HostedHubs(List<HubRoute> routes, ConnectionManager connections, ObjectMapper mapper, OriginPolicy origins,
                      ExecutorService executor, ExecutorService senders, Duration tick, Duration shutdownTimeout) {
        this.routes = List.copyOf(routes);
        this.connections = connections;
    }

    @Override
    public List<String> hubPaths() {
        return routes.stream().map(HubRoute::path).toList();
    }

    @Override
    public void handle(HostExchange exchange) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public Upgrade upgrade(ConnectionRequest request) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public int maxWebSocketMessage(String hubPath) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public byte[] clientScript(String name) {
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public void start() {
    }

    @Override
    public void stop() {
    }

    @Override
    public int connectionCount() {
        return connections.count();
    }
}
