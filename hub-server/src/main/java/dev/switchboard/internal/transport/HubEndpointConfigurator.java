package dev.switchboard.internal.transport;

import dev.switchboard.ConnectionRequest;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Map;
import org.glassfish.tyrus.core.RequestContext;

/** Creates a {@link WebSocketTransport} per socket and hands it the upgrade request it was opened by. */
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
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        String remoteAddress = request instanceof RequestContext context ? context.getRemoteAddr() : null;
        config.getUserProperties().put(WebSocketTransport.REQUEST_PROPERTY, new ConnectionRequest(
                request.getRequestURI().getPath(), Map.copyOf(request.getParameterMap()),
                request.getHeaders(), remoteAddress));
    }

    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) {
        return endpointClass.cast(new WebSocketTransport(endpoint, connections));
    }
}
