package dev.switchboard.internal.http;

import dev.switchboard.ConnectionHandler;
import dev.switchboard.HubOptions;
import dev.switchboard.internal.auth.HubAuthentication;
import dev.switchboard.internal.connection.ConnectionEvents;
import java.util.function.Supplier;

/**
 * A hub or a connection handler mapped at a path: where its transports listen, its limits, who learns of its
 * connections' events, and how its requests are authenticated. ("Endpoint" is kept for Jakarta WebSocket
 * endpoints.)
 *
 * @param events who learns of a hub's connections' events; null for a connection handler
 * @param handler the connection handler of each raw connection; null for a hub
 */
public record HubRoute(String path, HubOptions options, ConnectionEvents events, HubAuthentication authentication,
                       Supplier<ConnectionHandler> handler) {

    /** A hub. */
    public HubRoute(String path, HubOptions options, ConnectionEvents events, HubAuthentication authentication) {
        this(path, options, events, authentication, null);
    }

    /** A hub whose requests are all anonymous. */
    public HubRoute(String path, HubOptions options, ConnectionEvents events) {
        this(path, options, events, HubAuthentication.NONE);
    }

    /** {@return whether a connection handler, rather than a hub, answers here} */
    public boolean raw() {
        return handler != null;
    }

    /**
     * The most one POST of the HTTP transports may carry: a hub's may batch several records, but is bounded; a raw
     * connection's is one message.
     */
    public int maxPostBody() {
        return raw() ? options.maximumReceiveMessageSize()
                : Math.max(1024 * 1024, 4 * options.maximumReceiveMessageSize());
    }

    /**
     * {@return the key under which a path is found whatever its case: each character upper-cased alone, as .NET's
     * ordinal ignore-case comparison does}
     */
    public static String caseKey(String path) {
        StringBuilder key = new StringBuilder(path.length());
        path.codePoints().forEach(c -> key.appendCodePoint(Character.toUpperCase(c)));
        return key.toString();
    }
}
