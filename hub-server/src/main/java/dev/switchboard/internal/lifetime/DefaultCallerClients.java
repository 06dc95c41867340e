package dev.switchboard.internal.lifetime;

import dev.switchboard.spi.HubLifetimeManager;
import dev.switchboard.ClientProxy;
import dev.switchboard.Clients;
import dev.switchboard.SingleClientProxy;
import dev.switchboard.internal.clients.ClientInterfaces;
import java.util.List;

/**
 * {@link Clients} as seen by one connection, made for each hub call: it holds only the caller's id, so
 * that idle connections keep nothing of it, and builds each proxy when asked. A client result asked through
 * it first gives up the call's place among the connection's running calls, as ASP.NET Core does.
 */
public final class DefaultCallerClients extends DefaultHubClients implements Clients {

    private final String callerId;
    private final Runnable beforeClientResult;

    public DefaultCallerClients(HubLifetimeManager lifetime, ClientInterfaces interfaces, String callerId) {
        this(lifetime, interfaces, callerId, null);
    }

    /**
     * @param beforeClientResult runs before each client result is asked for (it must be idempotent), or null
     */
    public DefaultCallerClients(HubLifetimeManager lifetime, ClientInterfaces interfaces, String callerId,
                                Runnable beforeClientResult) {
        super(lifetime, interfaces);
        this.callerId = callerId;
        this.beforeClientResult = beforeClientResult;
    }

    @Override
    public SingleClientProxy client(String connectionId) {
        return beforeClientResult == null ? super.client(connectionId)
                : new SingleTargetProxy(lifetime, connectionId, interfaces, beforeClientResult);
    }

    @Override
    public SingleClientProxy caller() {
        return client(callerId);
    }

    @Override
    public ClientProxy others() {
        return allExcept(List.of(callerId));
    }

    @Override
    public ClientProxy othersInGroup(String groupName) {
        return groupExcept(groupName, List.of(callerId));
    }
}
