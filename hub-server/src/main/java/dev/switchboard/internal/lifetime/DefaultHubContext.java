package dev.switchboard.internal.lifetime;

import dev.switchboard.spi.DefaultHubLifetimeManager;
import dev.switchboard.spi.HubLifetimeManager;
import dev.switchboard.Backplane;
import dev.switchboard.Groups;
import dev.switchboard.Hub;
import dev.switchboard.HubClients;
import dev.switchboard.HubContext;
import dev.switchboard.internal.clients.ClientInterfaces;
import dev.switchboard.internal.protocol.JsonMappers;

/**
 * The one {@link HubContext} of hub {@code H} in an injector. It owns the hub's lifetime manager, which
 * the server takes from it, so hubs and outside services reach the same connections.
 */
public final class DefaultHubContext<H extends Hub> implements HubContext<H> {

    private final Class<H> hubType;
    private final Backplane backplane;
    private final HubLifetimeManager lifetime;
    private final Groups groups;
    private volatile HubClients clients;

    /** @param backplane the backplane that makes the hub's lifetime manager, or null for a server of its own */
    public DefaultHubContext(Class<H> hubType, Backplane backplane) {
        this.hubType = hubType;
        this.backplane = backplane;
        this.lifetime = backplane != null ? backplane.lifetimeManager(hubType) : new DefaultHubLifetimeManager();
        this.groups = new DefaultGroups(lifetime);
    }

    public HubLifetimeManager lifetimeManager() {
        return lifetime;
    }

    /** The backplane the lifetime manager came from, or null. */
    public Backplane backplane() {
        return backplane;
    }

    /** Gives the clients the hub's client interfaces and mapper, as the server resolved them at start-up. */
    public void clientInterfaces(ClientInterfaces interfaces) {
        this.clients = new DefaultHubClients(lifetime, interfaces);
    }

    @Override
    public HubClients clients() {
        HubClients current = clients;
        if (current == null) {
            // Used before a server was built: SignalR's JSON mapper binds results until one is.
            synchronized (this) {
                if (clients == null) {
                    clientInterfaces(ClientInterfaces.of(hubType, JsonMappers.signalR()));
                }
                current = clients;
            }
        }
        return current;
    }

    @Override
    public Groups groups() {
        return groups;
    }
}
