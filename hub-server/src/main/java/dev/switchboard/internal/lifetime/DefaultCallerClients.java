package dev.switchboard.internal.lifetime;

import dev.switchboard.spi.HubLifetimeManager;
import dev.switchboard.ClientProxy;
import dev.switchboard.Clients;
import dev.switchboard.SingleClientProxy;
import dev.switchboard.internal.clients.ClientInterfaces;
import java.util.List;

/**
 * {@link Clients} as seen by one connection, made for each hub call: it holds only the caller's id, so
 * that idle connections keep nothing of it, and builds each proxy when asked.
 */
public final class DefaultCallerClients extends DefaultHubClients implements Clients {

    private final String callerId;

    public DefaultCallerClients(HubLifetimeManager lifetime, ClientInterfaces interfaces, String callerId) {
        super(lifetime, interfaces);
        this.callerId = callerId;
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
