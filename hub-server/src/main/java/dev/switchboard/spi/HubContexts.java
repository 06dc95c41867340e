package dev.switchboard.spi;

import dev.switchboard.Backplane;
import dev.switchboard.Hub;
import dev.switchboard.HubContext;
import dev.switchboard.internal.lifetime.DefaultHubContext;

/**
 * Makes the {@link HubContext} of a hub for a container other than Guice (where {@code SwitchboardModule}
 * binds them): a {@link HubActivator} hands the same instance to the server and to the application's services.
 */
public final class HubContexts {

    private HubContexts() {
    }

    /**
     * A hub's context, not yet attached to a server: it makes its lifetime manager when the server is built, or
     * when first used if that comes first.
     *
     * @param hubType the hub
     * @param backplane the server's backplane, or null for a single server
     * @param <H> the hub type
     * @return the context, to register once in the container
     */
    public static <H extends Hub> HubContext<H> create(Class<H> hubType, Backplane backplane) {
        return new DefaultHubContext<>(hubType, backplane);
    }
}
