package dev.switchboard.internal.http;

import dev.switchboard.HubOptions;
import dev.switchboard.internal.auth.HubAuthentication;
import dev.switchboard.internal.connection.ConnectionEvents;

/**
 * A hub mapped at a path: where its transports listen, its limits, who learns of its connections' events, and
 * how its requests are authenticated. ("Endpoint" is kept for Jakarta WebSocket endpoints.)
 */
public record HubRoute(String path, HubOptions options, ConnectionEvents events, HubAuthentication authentication) {

    /** A hub whose requests are all anonymous. */
    public HubRoute(String path, HubOptions options, ConnectionEvents events) {
        this(path, options, events, HubAuthentication.NONE);
    }

    /** The most one POST of the HTTP transports may carry: it may batch several records, but is bounded. */
    public int maxPostBody() {
        return Math.max(1024 * 1024, 4 * options.maximumReceiveMessageSize());
    }
}
