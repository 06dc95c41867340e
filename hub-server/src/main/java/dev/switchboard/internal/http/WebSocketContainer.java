package dev.switchboard.internal.http;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;

/**
 * Tyrus's server container without a server of its own: it is attached to our Grizzly listener, so
 * WebSockets share the port with negotiate and the other HTTP handlers.
 */
final class WebSocketContainer extends TyrusServerContainer {

    private final TyrusWebSocketEngine engine;
    private final WebSocketEngine entry;

    WebSocketContainer(int incomingBufferSize, UnaryOperator<WebSocketEngine> gate) {
        super((Set<Class<?>>) null);
        // Idle sockets are the heartbeat's business. Tyrus schedules an idle-timeout task for every session, and
        // again for every message sent or received, unless the timeout is negative: 0 (no timeout) still does.
        setDefaultMaxSessionIdleTimeout(-1);
        this.engine = TyrusWebSocketEngine.builder(this).incomingBufferSize(incomingBufferSize).build();
        this.entry = gate.apply(engine);
    }

    @Override
    public void register(Class<?> endpointClass) throws DeploymentException {
        engine.register(endpointClass, "");
    }

    @Override
    public void register(ServerEndpointConfig serverEndpointConfig) throws DeploymentException {
        engine.register(serverEndpointConfig, "");
    }

    @Override
    public WebSocketEngine getWebSocketEngine() {
        return entry;
    }

    @Override
    public Map<String, Object> getProperties() {
        return Map.of();
    }
}
