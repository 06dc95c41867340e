package dev.switchboard.internal.transport;

import dev.switchboard.HubOptions;
import dev.switchboard.internal.auth.HubAuthentication;
import dev.switchboard.internal.connection.HubConnectionHandler;

/**
 * A hub mapped at a path: where its transports listen, its limits, who handles its connections, and how its
 * requests are authenticated.
 */
public record HubEndpoint(String path, HubOptions options, HubConnectionHandler handler,
                          HubAuthentication authentication) {

    /** A hub whose requests are all anonymous. */
    public HubEndpoint(String path, HubOptions options, HubConnectionHandler handler) {
        this(path, options, handler, HubAuthentication.NONE);
    }
}
