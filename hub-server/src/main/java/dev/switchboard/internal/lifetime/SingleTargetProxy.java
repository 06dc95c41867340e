package dev.switchboard.internal.lifetime;

import dev.switchboard.spi.HubLifetimeManager;
import dev.switchboard.SingleClientProxy;
import dev.switchboard.internal.clients.ClientInterfaces;
import java.lang.reflect.Type;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** One connection by id: sends to it, and invokes it for a result bound with the hub's mapper. */
final class SingleTargetProxy extends TargetProxy implements SingleClientProxy {

    private final HubLifetimeManager lifetime;
    private final String connectionId;
    private final Runnable beforeInvoke;

    SingleTargetProxy(HubLifetimeManager lifetime, String connectionId, ClientInterfaces interfaces) {
        this(lifetime, connectionId, interfaces, null);
    }

    /** @param beforeInvoke runs before each client result is asked for, or null */
    SingleTargetProxy(HubLifetimeManager lifetime, String connectionId, ClientInterfaces interfaces,
                      Runnable beforeInvoke) {
        super((method, args) -> lifetime.sendConnection(connectionId, method, args), interfaces);
        this.lifetime = lifetime;
        this.connectionId = connectionId;
        this.beforeInvoke = beforeInvoke;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<T> invoke(Type resultType, String method, Object... args) {
        Objects.requireNonNull(resultType, "resultType");
        Objects.requireNonNull(method, "method");
        if (beforeInvoke != null) {
            beforeInvoke.run();
        }
        return lifetime.invokeConnection(connectionId, method, arguments(args))
                .thenApply(result -> (T) interfaces.bind(result, resultType));
    }

    @Override
    public String toString() {
        return "client " + connectionId;
    }
}
