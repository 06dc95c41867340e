package dev.switchboard;

import dev.switchboard.spi.HubLifetimeManager;
import dev.switchboard.spi.LifetimeManagerSettings;

/**
 * Joins several servers into one hub: where a hub's connections, groups and users are kept and how a message
 * reaches them. Without one, each server knows only its own connections. With one, such as
 * {@code dev.switchboard.redis.RedisBackplane} of module {@code hub-redis}, every {@link HubClients} target, every
 * {@link Groups} change and every client result reaches connections on any server, with no change to hub code.
 *
 * <p>Choose one with {@link HubServer.Builder#backplane(Backplane)}, or, where your own injector binds the hub
 * contexts, with {@link SwitchboardModule#SwitchboardModule(Backplane, Class[])}. Its owner closes it, after the
 * servers that use it.
 */
public interface Backplane {

    /**
     * A new lifetime manager, complete: it is given all it needs now and nothing later. A server calls this once
     * per hub and injector, as the first server of that injector is built, when it knows its protocols and the
     * hub's options; servers built later from the same injector share the manager. Only when the hub's
     * {@link HubContext} is used before any server is built is the manager made then, with
     * {@link LifetimeManagerSettings#defaults(Class)}.
     *
     * @param settings the hub, the server's serialization of every protocol and the hub's options
     * @return the manager that keeps the hub's connections, groups and users and delivers its messages
     */
    HubLifetimeManager lifetimeManager(LifetimeManagerSettings settings);
}
