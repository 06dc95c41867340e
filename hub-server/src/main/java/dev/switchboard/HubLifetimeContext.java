package dev.switchboard;

import java.util.Objects;

/**
 * A connection's connect or disconnect, as a {@link HubFilter} sees it.
 *
 * @param hub the hub instance whose {@link Hub#onConnected()} or {@link Hub#onDisconnected(Throwable)} runs
 * @param context the connection
 */
public record HubLifetimeContext(Hub hub, HubCallerContext context) {

    /**
     * Checks that both parts are present.
     *
     * @param hub the hub instance whose callback runs
     * @param context the connection
     */
    public HubLifetimeContext {
        Objects.requireNonNull(hub, "hub");
        Objects.requireNonNull(context, "context");
    }
}
