package dev.switchboard;

import dev.switchboard.spi.HubLifetimeManager;

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
     * A new lifetime manager for {@code hub}, made once per hub and injector.
     *
     * @param hub the hub class
     * @return the manager that keeps the hub's connections, groups and users and delivers its messages
     */
    HubLifetimeManager lifetimeManager(Class<? extends Hub> hub);
}
