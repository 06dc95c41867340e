package dev.switchboard.internal.transport;

import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Creates a {@link WebSocketTransport} per socket; the upgrade request reaches it from the
 * {@link UpgradeGate}.
 */
final class HubEndpointConfigurator extends ServerEndpointConfig.Configurator {

    private final HubRoute route;
    private final ConnectionManager connections;

    HubEndpointConfigurator(HubRoute route, ConnectionManager connections) {
        this.route = route;
        this.connections = connections;
    }

    static ServerEndpointConfig config(HubRoute route, ConnectionManager connections) {
        return ServerEndpointConfig.Builder.create(WebSocketTransport.class, route.path())
                .configurator(new HubEndpointConfigurator(route, connections))
                .build();
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) {
        return endpointClass.cast(new WebSocketTransport(route, connections));
    }
}
