package dev.switchboard.internal.http;

import dev.switchboard.internal.transport.WebSocketTransport;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Creates a {@link WebSocketTransport} per socket; what the {@link UpgradeGate} resolved for it reaches it with
 * its session.
 */
final class HubEndpointConfigurator extends ServerEndpointConfig.Configurator {

    static ServerEndpointConfig config(HubRoute route) {
        return ServerEndpointConfig.Builder.create(WebSocketTransport.class, route.path())
                .configurator(new HubEndpointConfigurator())
                .build();
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) {
        return endpointClass.cast(new WebSocketTransport());
    }
}
