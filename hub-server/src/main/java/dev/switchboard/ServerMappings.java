package dev.switchboard;

import dev.switchboard.internal.dispatch.HubFilterRegistrations;
import dev.switchboard.internal.host.Routes;
import dev.switchboard.internal.host.ServerSettings;
import dev.switchboard.internal.http.HttpRoutes;
import jakarta.websocket.server.ServerEndpoint;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link HubServer.Builder} maps: hubs, connection handlers, plain WebSocket endpoints, HTTP routes and
 * hub filters. Package-private, so that its public methods are documented as the builder's own; it keeps
 * {@code HubServer.Builder} to building and {@link ServerBuilder} to the server's other settings. Javadoc names
 * these methods {@code ServerMappings} in links from other types, so such links carry a label.
 */
abstract sealed class ServerMappings extends ServerBuilder<HubServer.Builder> permits HubServer.Builder {

    private final Map<String, Mapping> hubs = new LinkedHashMap<>();
    private final Map<String, ServerSettings.HandlerRoute> handlers = new LinkedHashMap<>();
    private final Map<String, Class<?>> endpoints = new LinkedHashMap<>();
    private final HubFilterRegistrations filters = new HubFilterRegistrations();
    private final HttpRoutes http = new HttpRoutes();

    /**
     * Maps a hub at {@code path}, such as {@code /chat}, with the server's options.
     *
     * @param path where the hub answers, such as {@code /chat}
     * @param hub the hub's class, created through the injector for each call
     * @return this builder
     */
    public HubServer.Builder hub(String path, Class<? extends Hub> hub) {
        return hub(path, hub, null);
    }

    /**
     * Maps a hub at {@code path} with options of its own.
     *
     * @param path where the hub answers, such as {@code /chat}
     * @param hub the hub's class, created through the injector for each call
     * @param hubOptions the hub's own options, or null for the server's
     * @return this builder
     */
    public HubServer.Builder hub(String path, Class<? extends Hub> hub, HubOptions hubOptions) {
        Objects.requireNonNull(hub, "hub");
        if (handlers.containsKey(Routes.hubPath(path))
                || hubs.putIfAbsent(Routes.hubPath(path), new Mapping(hub, hubOptions)) != null) {
            throw new IllegalArgumentException("A hub or connection handler is already mapped at " + path);
        }
        return self();
    }

    /**
     * Maps a {@link ConnectionHandler} at {@code path} with the server's options, as ASP.NET Core's
     * {@code MapConnectionHandler}: raw connections over negotiate and every transport, with no hub protocol.
     * Of the options, the transports, {@link HubOptions#maximumReceiveMessageSize()}, the send buffer's
     * bounds, the disconnect timeout and the long polling poll timeout apply.
     *
     * @param path where the handler answers, such as {@code /echo}
     * @param handler the handler's class, made through the injector for each connection (or once, when the
     *        injector binds it as a singleton); {@link Authorize} on it requires an authenticated user
     * @return this builder
     * @throws IllegalArgumentException for a path that a hub or another handler has
     */
    public HubServer.Builder connectionHandler(String path, Class<? extends ConnectionHandler> handler) {
        return connectionHandler(path, handler, null);
    }

    /**
     * Maps a {@link ConnectionHandler} at {@code path} with options of its own.
     *
     * @param path where the handler answers, such as {@code /echo}
     * @param handler the handler's class, made through the injector for each connection
     * @param options the handler's own options, or null for the server's
     * @return this builder
     * @throws IllegalArgumentException for a path that a hub or another handler has
     */
    public HubServer.Builder connectionHandler(String path, Class<? extends ConnectionHandler> handler,
                                     HubOptions options) {
        return mapHandler(path, new ServerSettings.HandlerRoute(Objects.requireNonNull(handler, "handler"),
                null, options));
    }

    /**
     * Maps one {@link ConnectionHandler} instance, shared by all its connections, at {@code path} with the
     * server's options.
     *
     * @param path where the handler answers, such as {@code /echo}
     * @param handler the handler
     * @return this builder
     * @throws IllegalArgumentException for a path that a hub or another handler has
     */
    public HubServer.Builder connectionHandler(String path, ConnectionHandler handler) {
        return mapHandler(path, new ServerSettings.HandlerRoute(null, Objects.requireNonNull(handler, "handler"),
                null));
    }

    private HubServer.Builder mapHandler(String path, ServerSettings.HandlerRoute route) {
        String key = Routes.hubPath(path);
        if (hubs.containsKey(key) || handlers.putIfAbsent(key, route) != null) {
            throw new IllegalArgumentException("A hub or connection handler is already mapped at " + path);
        }
        return self();
    }

    /**
     * Deploys a plain Jakarta WebSocket endpoint beside the hubs, on the same port: a class annotated with
     * {@link ServerEndpoint}, such as {@code @ServerEndpoint("/echo")}, that Tyrus creates for each socket
     * and calls as the Jakarta WebSocket specification says. It speaks its own protocol, not SignalR's, so
     * hub options, negotiate and {@link #maxConnections(int)} do not apply to it; bound its messages with
     * {@code @OnMessage(maxMessageSize = ...)}. Its path may be a URI template such as
     * {@code /rooms/{room}}, but not a hub's path.
     *
     * <p>Tyrus checks the class when the server is built: a method it cannot call fails
     * {@link HubServer.Builder#build()}.
     *
     * @param annotatedEndpoint a class annotated with {@link ServerEndpoint}
     * @return this builder
     * @throws IllegalArgumentException for a class without {@code @ServerEndpoint}, a path that does not
     *         start with {@code /}, or a path another endpoint already has
     */
    public HubServer.Builder endpoint(Class<?> annotatedEndpoint) {
        String path = Routes.endpointPath(Objects.requireNonNull(annotatedEndpoint, "annotatedEndpoint"));
        Class<?> previous = endpoints.putIfAbsent(path, annotatedEndpoint);
        if (previous != null) {
            throw new IllegalArgumentException("A WebSocket endpoint is already mapped at " + path + ": "
                    + previous.getName());
        }
        return self();
    }

    /**
     * Maps an HTTP route for GET requests beside the hubs, on the same port, as {@link HttpHandler} describes.
     *
     * @param path the route's path, such as {@code /users/{id}}
     * @param handler what answers; it runs on a thread of its own and may block
     * @return this builder
     * @throws IllegalArgumentException for a bad path, or a path already mapped for GET
     */
    public HubServer.Builder get(String path, HttpHandler handler) {
        http.add("GET", path, handler);
        return self();
    }

    /**
     * Maps an HTTP route for POST requests, as {@link #get(String, HttpHandler)}; its body is read whole first,
     * up to {@link ServerLimits#maxRequestBodySize()}.
     *
     * @param path the route's path
     * @param handler what answers
     * @return this builder
     * @throws IllegalArgumentException for a bad path, or a path already mapped for POST
     */
    public HubServer.Builder post(String path, HttpHandler handler) {
        http.add("POST", path, handler);
        return self();
    }

    /**
     * Maps an HTTP route for PUT requests, as {@link #post(String, HttpHandler)}.
     *
     * @param path the route's path
     * @param handler what answers
     * @return this builder
     * @throws IllegalArgumentException for a bad path, or a path already mapped for PUT
     */
    public HubServer.Builder put(String path, HttpHandler handler) {
        http.add("PUT", path, handler);
        return self();
    }

    /**
     * Maps an HTTP route for DELETE requests, as {@link #get(String, HttpHandler)}.
     *
     * @param path the route's path
     * @param handler what answers
     * @return this builder
     * @throws IllegalArgumentException for a bad path, or a path already mapped for DELETE
     */
    public HubServer.Builder delete(String path, HttpHandler handler) {
        http.add("DELETE", path, handler);
        return self();
    }

    /**
     * Adds a before-handler for every path, as {@link #before(String, HttpHandler)}.
     *
     * @param handler what runs first
     * @return this builder
     */
    public HubServer.Builder before(HttpHandler handler) {
        return before("/*", handler);
    }

    /**
     * Adds a before-handler for the paths that {@code path} matches, such as {@code /chat/negotiate} or
     * {@code /api/*}, ahead of whatever answers them, as {@link HttpHandler} describes.
     *
     * @param path the paths it runs for, such as {@code /chat/negotiate} or {@code /api/*}
     * @param handler what runs first; on a thread of its own, and it may block
     * @return this builder
     * @throws IllegalArgumentException for a bad path
     */
    public HubServer.Builder before(String path, HttpHandler handler) {
        http.before(path, handler);
        return self();
    }

    /**
     * Adds a {@link HubFilter} around the calls and connects of every hub, after the every-hub filters
     * registered before it. It comes from the injector for each use, so scope it as you would a service.
     *
     * @param filter the filter's class
     * @return this builder
     */
    public HubServer.Builder filter(Class<? extends HubFilter> filter) {
        filters.add(null, filter);
        return self();
    }

    /**
     * Adds one {@link HubFilter} instance, shared by all calls, around those of every hub.
     *
     * @param filter the filter
     * @return this builder
     */
    public HubServer.Builder filter(HubFilter filter) {
        filters.add(null, filter);
        return self();
    }

    /**
     * Adds a {@link HubFilter} around the calls and connects of {@code hub} wherever it is mapped; it runs
     * inside the every-hub filters, after the filters registered for {@code hub} before it.
     *
     * @param hub the hub whose calls it filters
     * @param filter the filter's class
     * @return this builder
     */
    public HubServer.Builder filter(Class<? extends Hub> hub, Class<? extends HubFilter> filter) {
        filters.add(Objects.requireNonNull(hub, "hub"), filter);
        return self();
    }

    /**
     * Adds one {@link HubFilter} instance, shared by all calls, around those of {@code hub}.
     *
     * @param hub the hub whose calls it filters
     * @param filter the filter
     * @return this builder
     */
    public HubServer.Builder filter(Class<? extends Hub> hub, HubFilter filter) {
        filters.add(Objects.requireNonNull(hub, "hub"), filter);
        return self();
    }

    /** {@return what was set, with these mappings} */
    ServerSettings settings() {
        return settings(hubs, handlers, endpoints, filters, http);
    }
}
