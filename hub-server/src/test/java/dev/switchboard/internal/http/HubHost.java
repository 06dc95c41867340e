package dev.switchboard.internal.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.HubOptions;
import dev.switchboard.ServerLimits;
import dev.switchboard.internal.connection.ConnectionEvents;
import dev.switchboard.internal.connection.HubConnectionContext;
import dev.switchboard.internal.protocol.HandshakeProtocol;
import dev.switchboard.internal.protocol.HubProtocol;
import dev.switchboard.internal.protocol.JsonHubProtocol;
import dev.switchboard.internal.protocol.JsonMappers;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real host on a free port with one hub at {@code /hub} whose connections a test's handler drives, with no
 * dispatcher: the transports and connection manager as the server runs them.
 */
public final class HubHost implements AutoCloseable {

    final ConnectionManager connections;
    final HubRoute route;
    private final HttpHost host;
    private final ExecutorService senders = Executors.newFixedThreadPool(2, new DaemonThreads("test-send-"));

    public HubHost(ConnectionEvents handler) throws IOException {
        ObjectMapper mapper = JsonMappers.signalR();
        Map<String, HubProtocol> protocols = Map.of(JsonHubProtocol.NAME, new JsonHubProtocol(mapper));
        HandshakeProtocol handshake = new HandshakeProtocol(mapper);
        connections = new ConnectionManager((id, token, hub) -> new HubConnectionContext(id, token, hub.options(),
                hub.events(), protocols, handshake, Runnable::run, senders), 0, ServerLimits.defaults());
        route = new HubRoute("/hub", HubOptions.defaults(), handler);
        host = new HttpHost("localhost", 0, List.of(route), List.of(), connections, mapper, 1024 * 1024, null,
                null, 64 * 1024, OriginPolicy.SAME_ORIGIN, ServerLimits.defaults(),
                new HttpPipeline(new HttpRoutes(), mapper, OriginPolicy.SAME_ORIGIN, 1, 1));
        host.start();
    }

    public int port() {
        return host.port();
    }

    @Override
    public void close() {
        host.close();
        connections.shutdown(Duration.ZERO, Duration.ZERO);
        senders.shutdownNow();
    }
}
