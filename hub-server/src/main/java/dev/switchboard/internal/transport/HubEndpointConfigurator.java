package dev.switchboard.internal.transport;

import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Creates a {@link WebSocketTransport} per socket; the upgrade request reaches it from the
 * {@link UpgradeGate}.
 */
final class HubEndpointConfigurator extends ServerEndpointConfig.Configurator {

    private final HubEndpoint endpoint;
    private final ConnectionManager connections;

    HubEndpointConfigurator(HubEndpoint endpoint, ConnectionManager connections) {
        this.endpoint = endpoint;
        this.connections = connections;
    }

    static ServerEndpointConfig config(HubEndpoint endpoint, ConnectionManager connections) {
        return ServerEndpointConfig.Builder.create(WebSocketTransport.class, endpoint.path())
                .configurator(new HubEndpointConfigurator(endpoint, connections))
                .build();
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) {
        return endpointClass.cast(new WebSocketTransport(endpoint, connections));
    }
}
