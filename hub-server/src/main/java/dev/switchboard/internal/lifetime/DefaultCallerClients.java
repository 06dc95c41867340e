package dev.switchboard.internal.lifetime;

import dev.switchboard.ClientProxy;
import dev.switchboard.Clients;
import java.util.List;

/** {@link Clients} as seen by one connection; built once per connection, not per call. */
public final class DefaultCallerClients extends DefaultHubClients implements Clients {

    private final String callerId;
    private final ClientProxy caller;
    private final ClientProxy others;

    public DefaultCallerClients(HubLifetimeManager lifetime, String callerId) {
        super(lifetime);
        this.callerId = callerId;
        this.caller = client(callerId);
        this.others = allExcept(List.of(callerId));
    }

    @Override
    public ClientProxy caller() {
        return caller;
    }

    @Override
    public ClientProxy others() {
        return others;
    }

    @Override
    public ClientProxy othersInGroup(String groupName) {
        return groupExcept(groupName, List.of(callerId));
    }
}
