package dev.switchboard.internal.lifetime;

import dev.switchboard.spi.HubLifetimeManager;
import dev.switchboard.Groups;
import java.util.concurrent.CompletableFuture;

/** {@link Groups} over a lifetime manager. */
public final class DefaultGroups implements Groups {

    private final HubLifetimeManager lifetime;

    public DefaultGroups(HubLifetimeManager lifetime) {
        this.lifetime = lifetime;
    }

    @Override
    public CompletableFuture<Void> add(String connectionId, String groupName) {
        return lifetime.addToGroup(connectionId, groupName);
    }

    @Override
    public CompletableFuture<Void> remove(String connectionId, String groupName) {
        return lifetime.removeFromGroup(connectionId, groupName);
    }
}
