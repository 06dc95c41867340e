package dev.switchboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Injector;
import dev.switchboard.internal.dispatch.HubFilterRegistrations;
import dev.switchboard.internal.host.ServerSettings;
import dev.switchboard.internal.host.StaticContent;
import dev.switchboard.internal.protocol.JsonMappers;
import dev.switchboard.internal.http.HttpRoutes;
import dev.switchboard.internal.http.OriginPolicy;
import dev.switchboard.spi.HubActivator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.glassfish.grizzly.http.server.HttpHandler;

/**
 * The settings of a {@link HubServer} beside its hubs, endpoints and filters, which {@link HubServer.Builder} maps:
 * where it listens, injection, authentication, static content, limits, TLS, origins and backplane. Each setter
 * checks its value at once and returns the builder.
 *
 * @param <B> the builder's own type, which each setter returns
 */
public abstract sealed class ServerBuilder<B extends ServerBuilder<B>> permits ServerMappings {

    /** A hub as mapped: with options of its own, or null for the server's. */
    record Mapping(Class<? extends Hub> hub, HubOptions options) {
    }

    private String host = "0.0.0.0";
    private int port = 8080;
    private Injector injector;
    private HubOptions options = HubOptions.defaults();
    private HubActivator activator;
    private UserIdProvider userIdProvider = request -> null;
    private Authenticator authenticator;
    private String accessTokenCookie;
    private final Map<String, AuthorizationPolicy> policies = new LinkedHashMap<>();
    private ObjectMapper objectMapper;
    private HttpHandler staticContent;
    private int hubThreads = Math.max(8, 2 * Runtime.getRuntime().availableProcessors());
    private int maxConnections;
    private Duration shutdownTimeout = Duration.ofSeconds(30);
    private Path keystore;
    private char[] keystorePassword;
    private OriginPolicy origins = OriginPolicy.SAME_ORIGIN;
    private Backplane backplane;
    private ServerLimits limits = ServerLimits.defaults();
    private boolean stopAtShutdown = true;

    ServerBuilder() {
    }

    /**
     * The address to listen on; all interfaces by default.
     *
     * @param value a host name or address, such as {@code 127.0.0.1} for this machine only
     * @return this builder
     */
    public B host(String value) {
        this.host = Objects.requireNonNull(value);
        return self();
    }

    /**
     * The port to listen on, 8080 by default; 0 picks a free one, see {@link HubServer#port()}.
     *
     * @param value the port, from 0 to 65535
     * @return this builder
     */
    public B port(int value) {
        if (value < 0 || value > 65535) {
            throw new IllegalArgumentException("port must be from 0 to 65535, not " + value);
        }
        this.port = value;
        return self();
    }

    /**
     * Creates hubs and their services; a plain injector is made when none is given.
     *
     * @param value the application's injector
     * @return this builder
     */
    public B injector(Injector value) {
        this.injector = Objects.requireNonNull(value);
        return self();
    }

    /**
     * Creates hubs, hub filters and hub contexts through another container than Guice, such as Spring's; for a
     * host of the hubs other than the embedded server. Not with {@link #injector(Injector)}.
     *
     * @param value the container's activator
     * @return this builder
     */
    public B activator(HubActivator value) {
        this.activator = Objects.requireNonNull(value);
        return self();
    }

    /**
     * Limits and timeouts for every hub not mapped with options of its own.
     *
     * @param value the options
     * @return this builder
     */
    public B options(HubOptions value) {
        this.options = Objects.requireNonNull(value);
        return self();
    }

    /**
     * Tells the user of each connection, for {@link HubClients#user(String)}; none by default.
     *
     * @param value what tells each connection's user id
     * @return this builder
     */
    public B userIdProvider(UserIdProvider value) {
        this.userIdProvider = Objects.requireNonNull(value);
        return self();
    }

    /**
     * Authenticates every HTTP request to the hubs, for {@link Authorize} and {@link HubCallerContext#user()};
     * none by default, when every connection is anonymous. Without a {@link #userIdProvider(UserIdProvider)},
     * or when it gives none, a connection's user id is its user's {@link HubUser#userId()}.
     *
     * @param value what authenticates the requests
     * @return this builder
     */
    public B authenticator(Authenticator value) {
        this.authenticator = Objects.requireNonNull(value);
        return self();
    }

    /**
     * Registers a named policy for {@link Authorize#policy()}, as ASP.NET Core's {@code AddPolicy}. A hub or
     * method naming a policy that is not registered fails the build.
     *
     * @param name the name {@code @Authorize(policy = ...)} uses, matched exactly
     * @param policy the policy
     * @return this builder
     * @throws IllegalArgumentException for a blank name, or a name registered already
     */
    public B authorizationPolicy(String name, AuthorizationPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("An authorization policy needs a name");
        }
        if (policies.putIfAbsent(name, policy) != null) {
            throw new IllegalArgumentException("An authorization policy named '" + name + "' is registered already");
        }
        return self();
    }

    /**
     * Also reads the access token from the cookie with this name, when the request has none in its query
     * string or {@code Authorization} header; no cookie is read by default. A cookie is sent by the browser
     * whatever page opens the connection: list only origins you trust in {@link #allowedOrigins(String...)}.
     *
     * @param name the cookie's name
     * @return this builder
     */
    public B accessTokenCookie(String name) {
        if (name == null || name.isBlank() || name.contains("=") || name.contains(";")) {
            throw new IllegalArgumentException("Not a cookie name: " + name);
        }
        this.accessTokenCookie = name;
        return self();
    }

    /**
     * The Jackson mapper for arguments and results. The default matches SignalR's JSON: strict types,
     * case-insensitive property names, ISO-8601 dates.
     *
     * @param value the mapper
     * @return this builder
     */
    public B objectMapper(ObjectMapper value) {
        this.objectMapper = Objects.requireNonNull(value);
        return self();
    }

    /**
     * Serves the files of a classpath folder at {@code /}: {@code staticResources("public")} serves
     * {@code src/main/resources/public/}, its {@code index.html} at {@code /}. Without static content,
     * {@code GET /} answers 404 with a note on how to serve a page.
     *
     * @param classpathFolder a folder of the class path, such as {@code public}
     * @return this builder
     */
    public B staticResources(String classpathFolder) {
        this.staticContent = StaticContent.classpath(classpathFolder);
        return self();
    }

    /**
     * Serves the files of a directory at {@code /}.
     *
     * @param directory the directory to serve
     * @return this builder
     */
    public B staticFiles(Path directory) {
        this.staticContent = StaticContent.directory(directory);
        return self();
    }

    /**
     * The most connections this server holds at once: those a transport has taken up, and negotiated ones
     * for their first {@link ServerLimits#negotiateHoldTimeout()} (5 s by default), so that negotiates which
     * never open a transport cannot lock users out for longer. Over it, negotiate and WebSocket upgrades are
     * answered {@code 503 Service Unavailable} with a reason and {@code Retry-After}, as is a transport that
     * comes for a negotiated connection past its hold when no slot is free. No limit by default (0).
     *
     * @param value the most connections, or 0 for no limit
     * @return this builder
     */
    public B maxConnections(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("maxConnections must be 0 (no limit) or more");
        }
        this.maxConnections = value;
        return self();
    }

    /**
     * The HTTP timeouts, socket limits and negotiate limits that protect the server from its clients;
     * {@link ServerLimits#defaults()} unless set.
     *
     * @param value the limits
     * @return this builder
     */
    public B limits(ServerLimits value) {
        this.limits = Objects.requireNonNull(value);
        return self();
    }

    /**
     * How long {@link HubServer#close()} lets the hub calls already running finish before it tells their
     * clients to go anyway; 30 seconds by default, as ASP.NET Core's host {@code ShutdownTimeout}. Zero
     * tells every client at once.
     *
     * @param value how long running calls may finish, zero or more
     * @return this builder
     */
    public B shutdownTimeout(Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException("shutdownTimeout must be zero or more, not " + value);
        }
        this.shutdownTimeout = value;
        return self();
    }

    /**
     * The pages on other origins that may use the hubs and WebSocket endpoints, each as a browser sends it
     * in its {@code Origin} header, scheme, host and port: {@code https://app.example.com},
     * {@code http://localhost:3000}; or {@code "*"} for any page at all. Each call replaces the list.
     *
     * <pre>{@code
     * HubServer.builder().hub("/chat", ChatHub.class)
     *         .allowedOrigins("https://app.example.com", "https://admin.example.com")
     *         .build();
     * }</pre>
     *
     * <p>By default, with none listed, only pages from the server's own origin are let in, as Spring does for
     * WebSockets: a browser sends a site's cookies whatever page opens the socket, so any page on the web
     * could otherwise act as its visitor; SignalR and socket.io likewise give other origins no CORS access
     * until told to. Clients that send no {@code Origin}, such as the official Java client and Node,
     * are always let in. A page is of the same origin when the browser says so in {@code Sec-Fetch-Site}
     * (which it sends over https and to localhost), else when its host and port are those of the request's
     * {@code Host} (or {@code X-Forwarded-Host}) header; behind a proxy that rewrites {@code Host} on plain
     * http, list the public origin here or have the proxy pass {@code Host} on.
     *
     * <p>A WebSocket upgrade from any other origin is refused with 403 before it opens. The HTTP transports
     * (negotiate, Server-Sent Events, long polling) answer a listed origin with CORS headers that echo it
     * and allow credentials ({@code *} is never sent, since the SignalR clients send cookies), and its
     * preflights with 204 for GET, POST and DELETE and the headers the clients send; any other origin gets
     * 403 and no CORS headers.
     *
     * @param values origins such as {@code https://app.example.com}, or {@code *}
     * @return this builder
     * @throws IllegalArgumentException for an entry that is neither {@code *} nor an origin with no path
     */
    public B allowedOrigins(String... values) {
        this.origins = OriginPolicy.of(List.of(values));
        return self();
    }

    /**
     * Serves https and wss with the key and certificate in a PKCS#12 keystore.
     *
     * @param keystoreFile the keystore file
     * @param password the keystore's password, which is also its key's
     * @return this builder
     */
    public B tls(Path keystoreFile, String password) {
        this.keystore = Objects.requireNonNull(keystoreFile, "keystoreFile");
        this.keystorePassword = Objects.requireNonNull(password, "password").toCharArray();
        return self();
    }

    /**
     * Whether the JVM's shutdown (SIGTERM, Ctrl+C, {@code System.exit}) closes the server, draining its
     * connections as {@link HubServer#close()} does, before the JVM exits; on by default, as Spring Boot
     * does, so that a deployment stopped by its orchestrator lets clients finish their calls and reconnect
     * elsewhere rather than see their sockets cut. The hook is registered by {@link HubServer#start()} and
     * removed by {@code close()}. Turn it off when the application closes the server itself, in a shutdown
     * sequence of its own (Jetty's {@code setStopAtShutdown}, off there by default).
     *
     * @param value false to leave closing the server at shutdown to the application
     * @return this builder
     */
    public B stopAtShutdown(boolean value) {
        this.stopAtShutdown = value;
        return self();
    }

    /**
     * Threads that run hub methods; each connection's calls still run in order, one at a time unless
     * {@link HubOptions#maximumParallelInvocationsPerClient()} allows more.
     *
     * @param value how many threads, at least 1
     * @return this builder
     */
    public B hubThreads(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("hubThreads must be at least 1");
        }
        this.hubThreads = value;
        return self();
    }

    /**
     * Runs the hubs on {@code value}, such as a {@code RedisBackplane}, so that they reach the connections of
     * every server on it. Where {@link #injector(Injector)} binds the hub contexts itself, bind them with
     * {@code new SwitchboardModule(backplane, ...)} instead. The server does not close the backplane.
     *
     * @param value the backplane
     * @return this builder
     */
    public B backplane(Backplane value) {
        this.backplane = Objects.requireNonNull(value);
        return self();
    }

    /** Sealed to {@link HubServer.Builder}, the only {@code B}. */
    @SuppressWarnings("unchecked")
    final B self() {
        return (B) this;
    }

    /**
     * What was set, with the mappings of {@link ServerMappings}, each hub with the server's options where it has
     * none of its own.
     *
     * @throws IllegalArgumentException for a plain endpoint or HTTP route mapped at a hub's path or negotiate path
     */
    ServerSettings settings(Map<String, Mapping> hubs, Map<String, ServerSettings.HandlerRoute> handlers,
                            Map<String, Class<?>> endpoints, HubFilterRegistrations filters, HttpRoutes http) {
        Map<String, ServerSettings.HubRoute> routes = new LinkedHashMap<>();
        hubs.forEach((path, mapping) -> routes.put(path, new ServerSettings.HubRoute(mapping.hub(),
                mapping.options() != null ? mapping.options() : options)));
        if (injector != null && activator != null) {
            throw new IllegalArgumentException("Set an injector or an activator, not both");
        }
        Map<String, ServerSettings.HandlerRoute> handlerRoutes = new LinkedHashMap<>();
        handlers.forEach((path, handler) -> handlerRoutes.put(path, new ServerSettings.HandlerRoute(handler.type(),
                handler.instance(), handler.options() != null ? handler.options() : options)));
        return new ServerSettings(host, port, routes, handlerRoutes, endpoints, filters, injector, activator,
                userIdProvider, authenticator, accessTokenCookie, policies,
                objectMapper != null ? objectMapper : JsonMappers.signalR(), staticContent,
                hubThreads, maxConnections, shutdownTimeout, keystore, keystorePassword, origins, backplane, limits,
                stopAtShutdown, http);
    }
}
