package dev.switchboard.internal.lifetime;

import dev.switchboard.Backplane;
import dev.switchboard.Groups;
import dev.switchboard.Hub;
import dev.switchboard.HubClients;
import dev.switchboard.HubContext;
import dev.switchboard.HubOptions;
import dev.switchboard.internal.clients.ClientInterfaces;
import dev.switchboard.internal.protocol.JsonMappers;
import dev.switchboard.spi.DefaultHubLifetimeManager;
import dev.switchboard.spi.HubLifetimeManager;
import dev.switchboard.spi.LifetimeManagerSettings;
import dev.switchboard.spi.Serialization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one {@link HubContext} of hub {@code H} in an injector, which {@code SwitchboardModule} binds before any
 * server exists. It owns the hub's lifetime manager, so hubs and outside services reach the same connections,
 * and makes it when it first needs it: as the first server of the injector is built ({@link #attachServer}),
 * complete with that server's serialization and the hub's options, or, should the context be used before,
 * then, with the defaults.
 */
public final class DefaultHubContext<H extends Hub> implements HubContext<H> {

    private static final Logger log = LoggerFactory.getLogger(DefaultHubContext.class);

    private final Class<H> hubType;
    private final Backplane backplane;
    /** The manager with the clients and groups over it; null until a server is built or the context is used. */
    private volatile Wiring wiring;

    /** @param backplane the backplane that makes the hub's lifetime manager, or null for a server of its own */
    public DefaultHubContext(Class<H> hubType, Backplane backplane) {
        this.hubType = hubType;
        this.backplane = backplane;
    }

    /** The backplane the lifetime manager comes from, or null. */
    public Backplane backplane() {
        return backplane;
    }

    /**
     * The one step by which a server being built joins the context; it cannot come earlier, since the context
     * exists as soon as the injector does and the server's protocols, mapper and hub options only once the
     * server is built. The first server makes the hub's lifetime manager here, complete; later servers of the
     * injector share it. Every server's clients then bind client results with its own client interfaces.
     *
     * @param serialization the server's protocols and mapper
     * @param options       the hub's options on the server
     * @param interfaces    the hub's client interfaces, with the server's mapper
     * @return the lifetime manager the server registers its connections with
     */
    public synchronized HubLifetimeManager attachServer(Serialization serialization, HubOptions options,
                                                        ClientInterfaces interfaces) {
        Wiring current = wiring;
        HubLifetimeManager lifetime;
        if (current == null) {
            lifetime = newManager(new LifetimeManagerSettings(hubType, serialization, options));
        } else {
            lifetime = current.lifetime();
            if (current.early() && backplane != null) {
                log.warn("HubContext<{}> was used before its server was built, so its lifetime manager was made "
                        + "with the default mapper and hub options, not the server's, and keeps them",
                        hubType.getSimpleName());
            }
        }
        wiring = new Wiring(lifetime, interfaces, false);
        return lifetime;
    }

    /** {@return the hub's lifetime manager, made with the defaults if no server is built yet} */
    public HubLifetimeManager lifetimeManager() {
        return wiring().lifetime();
    }

    @Override
    public HubClients clients() {
        return wiring().clients();
    }

    @Override
    public Groups groups() {
        return wiring().groups();
    }

    private Wiring wiring() {
        Wiring current = wiring;
        if (current == null) {
            synchronized (this) {
                if (wiring == null) {
                    // Used before a server was built: SignalR's JSON mapper binds results until one is.
                    wiring = new Wiring(newManager(LifetimeManagerSettings.defaults(hubType)),
                            ClientInterfaces.of(hubType, JsonMappers.signalR()), true);
                }
                current = wiring;
            }
        }
        return current;
    }

    private HubLifetimeManager newManager(LifetimeManagerSettings settings) {
        return backplane != null ? backplane.lifetimeManager(settings) : new DefaultHubLifetimeManager();
    }

    /**
     * The manager and what reaches clients through it, replaced whole.
     *
     * @param early whether the context made the manager itself, being used before any server was built
     */
    private record Wiring(HubLifetimeManager lifetime, HubClients clients, Groups groups, boolean early) {

        Wiring(HubLifetimeManager lifetime, ClientInterfaces interfaces, boolean early) {
            this(lifetime, new DefaultHubClients(lifetime, interfaces), new DefaultGroups(lifetime), early);
        }
    }
}
