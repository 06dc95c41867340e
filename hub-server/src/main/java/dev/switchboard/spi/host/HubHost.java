package dev.switchboard.spi.host;

import dev.switchboard.ConnectionRequest;
import java.util.List;

/**
 * A server's hubs for a host that has its own HTTP server, as ASP.NET Core's connection dispatcher is for
 * Kestrel or IIS. Made by {@code HubServer.Builder.buildHost()}; the host calls {@link #start()} before the first
 * request and {@link #stop()} when it shuts down. Paths are relative to where the host mounts the hubs (a servlet
 * context's path is left out).
 */
public interface HubHost {

    /**
     * Where the bundled browser client is served: {@code /switchboard/switchboard.mjs} and {@code switchboard.min.js},
     * and its MessagePack protocol, {@code switchboard-msgpack.mjs} and {@code switchboard-msgpack.min.js}.
     */
    String CLIENT_PATH = "/switchboard";

    /** {@return each hub's path, such as {@code /chat}, in the order they were mapped} */
    List<String> hubPaths();

    /**
     * The request path a path means, matching hub paths ignoring case as ASP.NET Core does: {@code /Chat} or
     * {@code /CHAT/negotiate} on a server with a hub at {@code /chat} give {@code /chat} and
     * {@code /chat/negotiate}. A host whose own routing matches exactly sends such a request on to the path given.
     *
     * @param path a request's path within the host, decoded
     * @return the hub's path or negotiate path in the hub's own case, or null when {@code path} is neither
     */
    String hubRequestPath(String path);

    /**
     * Answers a plain HTTP request (never a WebSocket upgrade) to a hub's path or its {@code /negotiate}: CORS,
     * authentication, negotiate, opening an event stream or long polling, polls, the client's POSTs and DELETE.
     * Returns without waiting for a slow client; what must go on later holds the exchange.
     *
     * @param exchange the request and its response
     */
    void handle(HostExchange exchange);

    /**
     * Decides a WebSocket upgrade to a hub's path (in any case) before the host opens the socket: refused with SignalR's
     * statuses (404 unknown connection, 409 in use, 401/403 authentication, 503 full, 403 origin), or admitted.
     *
     * @param request the upgrade request
     * @return the decision
     */
    Upgrade upgrade(ConnectionRequest request);

    /**
     * The largest WebSocket message a hub's connections take, for the host's message buffers; larger messages
     * are refused by the hub host too.
     *
     * @param hubPath a hub's path
     * @return the size in bytes
     */
    int maxWebSocketMessage(String hubPath);

    /**
     * A file of the bundled browser client, for the host to serve under {@link #CLIENT_PATH}.
     *
     * @param name {@code switchboard.mjs}, {@code switchboard.min.js}, {@code switchboard-msgpack.mjs} or
     *     {@code switchboard-msgpack.min.js}
     * @return its bytes, or null for any other name
     */
    byte[] clientScript(String name);

    /** Starts the heartbeat that applies keep-alive and timeouts; before the first request. */
    void start();

    /**
     * Shuts down gracefully: refuses new connections, lets running calls finish within the shutdown timeout,
     * tells every client to go (they may reconnect elsewhere), then ends what remains. Returns when done.
     */
    void stop();

    /** {@return how many connections hold a slot now} */
    int connectionCount();
}
