package dev.switchboard.internal.lifetime;

import dev.switchboard.Groups;
import dev.switchboard.Hub;
import dev.switchboard.HubClients;
import dev.switchboard.HubContext;

/**
 * The one {@link HubContext} of hub {@code H} in an injector. It owns the hub's lifetime manager, which
 * the server takes from it, so hubs and outside services reach the same connections.
 */
public final class DefaultHubContext<H extends Hub> implements HubContext<H> {

    private final HubLifetimeManager lifetime;
    private final HubClients clients;
    private final Groups groups;

    public DefaultHubContext(HubLifetimeManager lifetime) {
        this.lifetime = lifetime;
        this.clients = new DefaultHubClients(lifetime);
        this.groups = new DefaultGroups(lifetime);
    }

    public HubLifetimeManager lifetimeManager() {
        return lifetime;
    }

    @Override
    public HubClients clients() {
        return clients;
    }

    @Override
    public Groups groups() {
        return groups;
    }
}
