package dev.switchboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.ConfigurationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.switchboard.internal.auth.AuthorizationPolicy;
import dev.switchboard.internal.auth.HubAuthentication;
import dev.switchboard.internal.dispatch.HubDescriptor;
import dev.switchboard.internal.dispatch.HubDispatcher;
import dev.switchboard.internal.dispatch.HubFilterRegistrations;
import dev.switchboard.internal.lifetime.DefaultHubContext;
import dev.switchboard.internal.protocol.HandshakeProtocol;
import dev.switchboard.internal.protocol.HubProtocol;
import dev.switchboard.internal.protocol.JsonHubProtocol;
import dev.switchboard.internal.protocol.JsonMappers;
import dev.switchboard.internal.protocol.ProtocolSerialization;
import dev.switchboard.internal.transport.ConnectionManager;
import dev.switchboard.internal.transport.DaemonThreads;
import dev.switchboard.internal.transport.HttpHost;
import dev.switchboard.internal.transport.HubEndpoint;
import dev.switchboard.internal.transport.Keystores;
import dev.switchboard.internal.transport.Lifeline;
import dev.switchboard.internal.transport.OriginPolicy;
import jakarta.inject.Provider;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import org.glassfish.grizzly.http.server.CLStaticHttpHandler;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.StaticHttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded server for hubs: WebSockets, negotiate, plain Jakarta WebSocket endpoints and static files on
 * one port, over TLS when given a keystore.
 *
 * <pre>{@code
 * HubServer server = HubServer.builder()
 *         .port(8080)
 *         .hub("/chat", ChatHub.class)
 *         .endpoint(EchoEndpoint.class)      // a plain @ServerEndpoint("/echo")
 *         .staticResources("public")         // src/main/resources/public/ at /
 *         .injector(injector)
 *         .build()
 *         .start();
 * server.join();                             // until SIGTERM or Ctrl+C, or close() elsewhere
 * }</pre>
 *
 * <p>A started server keeps the JVM running until it is closed, as Jetty's and Javalin's do, and by default
 * closes itself, draining its connections, when the JVM is told to stop ({@link Builder#stopAtShutdown(boolean)}).
 * Grizzly and Tyrus, which log through {@code java.util.logging}, are routed to SLF4J when a server is built,
 * unless the application routes all of {@code java.util.logging} there already; add any SLF4J backend to see
 * the server's log.
 */
public final class HubServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HubServer.class);
    /** After the drain: for clients to end their transports, then again for the last hub work to finish. */
    private static final Duration FLUSH_ALLOWANCE = Duration.ofSeconds(1);

    private final HttpHost host;
    private final ConnectionManager connections;
    private final ExecutorService hubExecutor;
    private final Duration tick;
    private final List<String> hubPaths;
    private final List<String> endpointPaths;
    private final Duration shutdownTimeout;
    private final boolean stopAtShutdown;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Lifeline lifeline = new Lifeline();

    private HubServer(HttpHost host, ConnectionManager connections, ExecutorService hubExecutor, Duration tick,
                      List<String> hubPaths, List<String> endpointPaths, Duration shutdownTimeout,
                      boolean stopAtShutdown) {
        this.host = host;
        this.connections = connections;
        this.hubExecutor = hubExecutor;
        this.tick = tick;
        this.hubPaths = hubPaths;
        this.endpointPaths = endpointPaths;
        this.shutdownTimeout = shutdownTimeout;
        this.stopAtShutdown = stopAtShutdown;
    }

    /** {@return a builder for a server on port 8080 of every interface, with no hubs yet} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds the port and starts accepting connections. From now until {@link #close()} has finished, the server
     * keeps the JVM running (by one thread, named {@code switchboard-keepalive-}<i>port</i>, that is not a
     * daemon), and, unless built with {@code stopAtShutdown(false)}, the JVM's shutdown closes it.
     *
     * <p>When it cannot start, it throws with a message that says what failed in one line, such as
     * {@code Port 8080 is already in use} (a {@link java.net.BindException}), and leaves nothing running: the
     * server is then closed, and a new one must be built to try again.
     *
     * @return this server, started
     * @throws IOException when the port cannot be bound or the server cannot start, the reason in one line
     * @throws IllegalStateException when the server was started or closed before
     */
    public HubServer start() throws IOException {
        if (closed.get()) {
            throw new IllegalStateException("This server is closed: build a new one to start again");
        }
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("This server is already started");
        }
        try {
            host.start();
        } catch (IOException | RuntimeException e) {
            // The host has released what it started; the hub threads are made only when work comes.
            closed.set(true);
            hubExecutor.shutdownNow();
            lifeline.release();
            throw e;
        }
        connections.start(tick);
        lifeline.hold(port(), stopAtShutdown ? this::close : null);
        if (endpointPaths.isEmpty()) {
            log.info("Switchboard listening on port {} with hubs {}", port(), hubPaths);
        } else {
            log.info("Switchboard listening on port {} with hubs {} and WebSocket endpoints {}", port(), hubPaths,
                    endpointPaths);
        }
        return this;
    }

    /**
     * Waits until the server is closed, by {@link #close()} on another thread or by the JVM's shutdown, and
     * its drain has finished; at once if it is closed already. As Jetty's {@code Server.join()}, it lets a
     * {@code main} that has nothing else to do after {@link #start()} end only once the server has stopped.
     *
     * @throws InterruptedException when the waiting thread is interrupted; the server runs on
     */
    public void join() throws InterruptedException {
        lifeline.await();
    }

    /**
     * The port the server listens on; the one chosen when built with port 0.
     *
     * @return the bound port once started; before, the port asked for
     */
    public int port() {
        return host.port();
    }

    /**
     * How many connections count against {@link Builder#maxConnections(int)} now, over every hub and transport:
     * those a transport has taken up, and negotiated ones that no transport has taken up yet for their first
     * {@link ServerLimits#negotiateHoldTimeout()}. A negotiated connection past that no longer counts, though
     * a transport may still take it up until it expires.
     *
     * @return the number of connections held now
     */
    public int connectionCount() {
        return connections.count();
    }

    /**
     * Shuts down gracefully, in this order:
     * <ol>
     * <li>New connections are refused from the moment this is called: negotiate and WebSocket upgrades are
     *     answered {@code 503 Service Unavailable} with a reason. Existing connections' requests (polls, event
     *     streams, sends) are still served.</li>
     * <li>Each connection's running hub call may finish and its result reaches the client. Calls that have
     *     not started, those already waiting their turn and those that arrive now, do not run: each gets the
     *     error "Failed to invoke 'X' because the server is shutting down." (as in ASP.NET Core, which stops
     *     reading a connection at shutdown, but answered rather than left to the Close).</li>
     * <li>As soon as a connection's running call has answered, its client gets a Close that allows it to
     *     reconnect, over whatever transport it uses: SignalR clients built with automatic reconnect then
     *     reconnect by themselves, to this address once a server listens there again. Streams being sent
     *     do not hold the drain up; the Close cuts them, and the client sees its stream end with the
     *     connection. Calls still running after {@link Builder#shutdownTimeout(Duration)} are cut off the
     *     same way: their clients get the Close, and the calls' threads are interrupted.</li>
     * <li>Transports the clients have not ended within a second are cut, the port is released (another
     *     server may bind it at once), and the server's threads stop; the server no longer keeps the JVM
     *     running, its shutdown hook is removed, and {@link #join()} returns.</li>
     * </ol>
     * Returns within the shutdown timeout plus a few seconds. Called again, or by the shutdown hook while it
     * runs, it waits for the first call to finish (returning early if interrupted).
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            try {
                lifeline.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        try {
            stop();
        } finally {
            lifeline.release();
        }
    }

    private void stop() {
        connections.shutdown(shutdownTimeout, FLUSH_ALLOWANCE);
        host.close();
        // Queued disconnect callbacks still run; a hub call that outlived the timeout is interrupted.
        hubExecutor.shutdown();
        try {
            if (!hubExecutor.awaitTermination(FLUSH_ALLOWANCE.toMillis(), TimeUnit.MILLISECONDS)) {
                hubExecutor.shutdownNow();
                hubExecutor.awaitTermination(FLUSH_ALLOWANCE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            hubExecutor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        log.info("Switchboard on port {} stopped", port());
    }

    /** Configures a {@link HubServer}. */
    public static final class Builder {

        private record Mapping(Class<? extends Hub> hub, HubOptions options) {
        }

        private final Map<String, Mapping> hubs = new LinkedHashMap<>();
        private final Map<String, Class<?>> endpoints = new LinkedHashMap<>();
        private final HubFilterRegistrations filters = new HubFilterRegistrations();
        private String host = "0.0.0.0";
        private int port = 8080;
        private Injector injector;
        private HubOptions options = HubOptions.defaults();
        private UserIdProvider userIdProvider = request -> null;
        private Authenticator authenticator;
        private String accessTokenCookie;
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

        private Builder() {
        }

        /**
         * The address to listen on; all interfaces by default.
         *
         * @param value a host name or address, such as {@code 127.0.0.1} for this machine only
         * @return this builder
         */
        public Builder host(String value) {
            this.host = Objects.requireNonNull(value);
            return this;
        }

        /**
         * The port to listen on, 8080 by default; 0 picks a free one, see {@link HubServer#port()}.
         *
         * @param value the port, from 0 to 65535
         * @return this builder
         */
        public Builder port(int value) {
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException("port must be from 0 to 65535, not " + value);
            }
            this.port = value;
            return this;
        }

        /**
         * Maps a hub at {@code path}, such as {@code /chat}, with the server's options.
         *
         * @param path where the hub answers, such as {@code /chat}
         * @param hub the hub's class, created through the injector for each call
         * @return this builder
         */
        public Builder hub(String path, Class<? extends Hub> hub) {
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
        public Builder hub(String path, Class<? extends Hub> hub, HubOptions hubOptions) {
            Objects.requireNonNull(hub, "hub");
            if (path == null || !path.startsWith("/") || path.length() < 2 || path.endsWith("/")
                    || path.contains("?") || path.contains("#")) {
                throw new IllegalArgumentException("A hub path starts with / and names a resource, such as /chat; "
                        + "not " + path);
            }
            if (hubs.putIfAbsent(path, new Mapping(hub, hubOptions)) != null) {
                throw new IllegalArgumentException("A hub is already mapped at " + path);
            }
            return this;
        }

        /**
         * Deploys a plain Jakarta WebSocket endpoint beside the hubs, on the same port: a class annotated with
         * {@link ServerEndpoint}, such as {@code @ServerEndpoint("/echo")}, that Tyrus creates for each socket
         * and calls as the Jakarta WebSocket specification says. It speaks its own protocol, not SignalR's, so
         * hub options, negotiate and {@link #maxConnections(int)} do not apply to it; bound its messages with
         * {@code @OnMessage(maxMessageSize = ...)}. Its path may be a URI template such as
         * {@code /rooms/{room}}, but not a hub's path.
         *
         * <p>Tyrus checks the class when the server is built: a method it cannot call fails {@link #build()}.
         *
         * @param annotatedEndpoint a class annotated with {@link ServerEndpoint}
         * @return this builder
         * @throws IllegalArgumentException for a class without {@code @ServerEndpoint}, a path that does not
         *         start with {@code /}, or a path another endpoint already has
         */
        public Builder endpoint(Class<?> annotatedEndpoint) {
            Objects.requireNonNull(annotatedEndpoint, "annotatedEndpoint");
            ServerEndpoint annotation = annotatedEndpoint.getAnnotation(ServerEndpoint.class);
            if (annotation == null) {
                throw new IllegalArgumentException(annotatedEndpoint.getName() + " is not annotated with "
                        + "@ServerEndpoint; a plain WebSocket endpoint must be, such as @ServerEndpoint(\"/echo\")");
            }
            String path = annotation.value();
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("The @ServerEndpoint path of " + annotatedEndpoint.getName()
                        + " must start with /, not " + path);
            }
            Class<?> previous = endpoints.putIfAbsent(path, annotatedEndpoint);
            if (previous != null) {
                throw new IllegalArgumentException("A WebSocket endpoint is already mapped at " + path + ": "
                        + previous.getName());
            }
            return this;
        }

        /**
         * Adds a {@link HubFilter} around the calls and connects of every hub, after the every-hub filters
         * registered before it. It comes from the injector for each use, so scope it as you would a service.
         *
         * @param filter the filter's class
         * @return this builder
         */
        public Builder filter(Class<? extends HubFilter> filter) {
            filters.add(null, filter);
            return this;
        }

        /**
         * Adds one {@link HubFilter} instance, shared by all calls, around those of every hub.
         *
         * @param filter the filter
         * @return this builder
         */
        public Builder filter(HubFilter filter) {
            filters.add(null, filter);
            return this;
        }

        /**
         * Adds a {@link HubFilter} around the calls and connects of {@code hub} wherever it is mapped; it runs
         * inside the every-hub filters, after the filters registered for {@code hub} before it.
         *
         * @param hub the hub whose calls it filters
         * @param filter the filter's class
         * @return this builder
         */
        public Builder filter(Class<? extends Hub> hub, Class<? extends HubFilter> filter) {
            filters.add(Objects.requireNonNull(hub, "hub"), filter);
            return this;
        }

        /**
         * Adds one {@link HubFilter} instance, shared by all calls, around those of {@code hub}.
         *
         * @param hub the hub whose calls it filters
         * @param filter the filter
         * @return this builder
         */
        public Builder filter(Class<? extends Hub> hub, HubFilter filter) {
            filters.add(Objects.requireNonNull(hub, "hub"), filter);
            return this;
        }

        /**
         * Creates hubs and their services; a plain injector is made when none is given.
         *
         * @param value the application's injector
         * @return this builder
         */
        public Builder injector(Injector value) {
            this.injector = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Limits and timeouts for every hub not mapped with options of its own.
         *
         * @param value the options
         * @return this builder
         */
        public Builder options(HubOptions value) {
            this.options = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Tells the user of each connection, for {@link HubClients#user(String)}; none by default.
         *
         * @param value what tells each connection's user id
         * @return this builder
         */
        public Builder userIdProvider(UserIdProvider value) {
            this.userIdProvider = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Authenticates every HTTP request to the hubs, for {@link Authorize} and {@link HubCallerContext#user()};
         * none by default, when every connection is anonymous. Without a {@link #userIdProvider(UserIdProvider)},
         * or when it gives none, a connection's user id is its user's {@link HubUser#userId()}.
         *
         * @param value what authenticates the requests
         * @return this builder
         */
        public Builder authenticator(Authenticator value) {
            this.authenticator = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Also reads the access token from the cookie with this name, when the request has none in its query
         * string or {@code Authorization} header; no cookie is read by default. A cookie is sent by the browser
         * whatever page opens the connection: list only origins you trust in {@link #allowedOrigins(String...)}.
         *
         * @param name the cookie's name
         * @return this builder
         */
        public Builder accessTokenCookie(String name) {
            if (name == null || name.isBlank() || name.contains("=") || name.contains(";")) {
                throw new IllegalArgumentException("Not a cookie name: " + name);
            }
            this.accessTokenCookie = name;
            return this;
        }

        /**
         * The Jackson mapper for arguments and results. The default matches SignalR's JSON: strict types,
         * case-insensitive property names, ISO-8601 dates.
         *
         * @param value the mapper
         * @return this builder
         */
        public Builder objectMapper(ObjectMapper value) {
            this.objectMapper = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Serves the files of a classpath folder at {@code /}: {@code staticResources("public")} serves
         * {@code src/main/resources/public/}, its {@code index.html} at {@code /}. Without static content,
         * {@code GET /} answers 404 with a note on how to serve a page.
         *
         * @param classpathFolder a folder of the class path, such as {@code public}
         * @return this builder
         */
        public Builder staticResources(String classpathFolder) {
            String folder = classpathFolder.replaceAll("^/+|/+$", "");
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            this.staticContent = new CLStaticHttpHandler(loader != null ? loader : HubServer.class.getClassLoader(),
                    "/" + folder + "/");
            return this;
        }

        /**
         * Serves the files of a directory at {@code /}.
         *
         * @param directory the directory to serve
         * @return this builder
         */
        public Builder staticFiles(Path directory) {
            if (!Files.isDirectory(directory)) {
                throw new IllegalArgumentException("Not a directory: " + directory);
            }
            this.staticContent = new StaticHttpHandler(directory.toAbsolutePath().toString());
            return this;
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
        public Builder maxConnections(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("maxConnections must be 0 (no limit) or more");
            }
            this.maxConnections = value;
            return this;
        }

        /**
         * The HTTP timeouts, socket limits and negotiate limits that protect the server from its clients;
         * {@link ServerLimits#defaults()} unless set.
         *
         * @param value the limits
         * @return this builder
         */
        public Builder limits(ServerLimits value) {
            this.limits = Objects.requireNonNull(value);
            return this;
        }

        /**
         * How long {@link HubServer#close()} lets the hub calls already running finish before it tells their
         * clients to go anyway; 30 seconds by default, as ASP.NET Core's host {@code ShutdownTimeout}. Zero
         * tells every client at once.
         *
         * @param value how long running calls may finish, zero or more
         * @return this builder
         */
        public Builder shutdownTimeout(Duration value) {
            if (value == null || value.isNegative()) {
                throw new IllegalArgumentException("shutdownTimeout must be zero or more, not " + value);
            }
            this.shutdownTimeout = value;
            return this;
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
        public Builder allowedOrigins(String... values) {
            this.origins = OriginPolicy.of(List.of(values));
            return this;
        }

        /**
         * Serves https and wss with the key and certificate in a PKCS#12 keystore.
         *
         * @param keystoreFile the keystore file
         * @param password the keystore's password, which is also its key's
         * @return this builder
         */
        public Builder tls(Path keystoreFile, String password) {
            this.keystore = Objects.requireNonNull(keystoreFile, "keystoreFile");
            this.keystorePassword = Objects.requireNonNull(password, "password").toCharArray();
            return this;
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
        public Builder stopAtShutdown(boolean value) {
            this.stopAtShutdown = value;
            return this;
        }

        /**
         * Threads that run hub methods; each connection's calls still run one at a time, in order.
         *
         * @param value how many threads, at least 1
         * @return this builder
         */
        public Builder hubThreads(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("hubThreads must be at least 1");
            }
            this.hubThreads = value;
            return this;
        }

        /**
         * Runs the hubs on {@code value}, such as a {@code RedisBackplane}, so that they reach the connections of
         * every server on it. Where {@link #injector(Injector)} binds the hub contexts itself, bind them with
         * {@code new SwitchboardModule(backplane, ...)} instead. The server does not close the backplane.
         *
         * @param value the backplane
         * @return this builder
         */
        public Builder backplane(Backplane value) {
            this.backplane = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Resolves every hub method and its injection now, so that mistakes fail here rather than on a
         * client's first call.
         *
         * @return the server, not yet started
         * @throws IllegalArgumentException for a hub, hub filter or plain endpoint that cannot be used, with the
         *         reason
         */
        public HubServer build() {
            checkEndpointsAvoidHubs();
            ObjectMapper mapper = objectMapper != null ? objectMapper : JsonMappers.signalR();
            SSLContext tlsContext = keystore == null ? null : Keystores.serverContext(keystore, keystorePassword);
            Injector hubInjector = hubInjector();
            Map<Class<? extends Hub>, List<Provider<? extends HubFilter>>> hubFilters = filters.resolve(
                    hubInjector, hubs.values().stream().<Class<? extends Hub>>map(Mapping::hub).toList());
            List<HubEndpoint> hubEndpoints = new ArrayList<>();
            // The negotiate hold, like the hubs' timeouts, is applied within a quarter of its length.
            Duration tick = min(Duration.ofSeconds(1), List.of(limits.negotiateHoldTimeout()));
            int largestMessage = 0;
            int largestSendBuffer = 0;
            Map<String, HubProtocol> protocols = Map.of(JsonHubProtocol.NAME, new JsonHubProtocol(mapper));
            for (Map.Entry<String, Mapping> entry : hubs.entrySet()) {
                Class<? extends Hub> hubType = entry.getValue().hub();
                HubOptions hubOptions = entry.getValue().options() != null ? entry.getValue().options() : options;
                DefaultHubContext<?> context = context(hubInjector, hubType);
                HubDescriptor descriptor = HubDescriptor.of(hubType, mapper);
                context.clientInterfaces(descriptor.clientInterfaces());
                context.lifetimeManager().start(new ProtocolSerialization(protocols.values(), mapper), hubOptions);
                HubDispatcher dispatcher = new HubDispatcher(descriptor, provider(hubInjector, hubType),
                        context.lifetimeManager(), userIdProvider, hubOptions, hubFilters.get(hubType));
                hubEndpoints.add(new HubEndpoint(entry.getKey(), hubOptions, dispatcher, authentication(hubType)));
                tick = min(tick, List.of(hubOptions.keepAliveInterval(), hubOptions.clientTimeoutInterval(),
                        hubOptions.handshakeTimeout(), hubOptions.disconnectTimeout()));
                largestMessage = Math.max(largestMessage, hubOptions.maximumReceiveMessageSize());
                largestSendBuffer = Math.max(largestSendBuffer, hubOptions.maximumSendBufferSize());
            }
            ExecutorService executor = Executors.newFixedThreadPool(hubThreads, new DaemonThreads("switchboard-hub-"));
            ConnectionManager connections = new ConnectionManager(protocols, new HandshakeProtocol(mapper), executor,
                    maxConnections, limits);
            // The largest message of a plain endpoint's WebSocket, refused with 1009 beyond; a hub's are bounded by
            // the hub's maximum message size.
            int maxFrame = Math.max(1024 * 1024, largestMessage * 4);
            // One batch of a connection's outgoing queue must always fit in Grizzly's queue for its socket.
            int maxPendingWrite = Math.max(64 * 1024, 2 * largestSendBuffer);
            HttpHost httpHost = new HttpHost(host, port, hubEndpoints, List.copyOf(endpoints.values()), connections,
                    mapper, maxFrame, staticContent, tlsContext, maxPendingWrite, origins, limits);
            return new HubServer(httpHost, connections, executor, tick, List.copyOf(hubs.keySet()),
                    List.copyOf(endpoints.keySet()), shutdownTimeout, stopAtShutdown);
        }

        /** A hub owns its path and its negotiate path: an upgrade to either must reach the hub. */
        private void checkEndpointsAvoidHubs() {
            for (Map.Entry<String, Class<?>> endpoint : endpoints.entrySet()) {
                for (Map.Entry<String, Mapping> hub : hubs.entrySet()) {
                    String hubPath = hub.getKey();
                    if (endpoint.getKey().equals(hubPath) || endpoint.getKey().equals(hubPath + "/negotiate")) {
                        throw new IllegalArgumentException("WebSocket endpoint " + endpoint.getValue().getName()
                                + " cannot be mapped at " + endpoint.getKey() + ": hub "
                                + hub.getValue().hub().getName() + " is mapped at " + hubPath);
                    }
                }
            }
        }

        /** @throws IllegalArgumentException for a hub that asks for authorization on a server without authentication */
        private HubAuthentication authentication(Class<? extends Hub> hubType) {
            if (authenticator == null) {
                if (AuthorizationPolicy.anyIn(hubType)) {
                    throw new IllegalArgumentException("Hub " + hubType.getName() + " uses @Authorize, which needs an "
                            + "authenticator: set one with HubServer.Builder.authenticator(...)");
                }
                return HubAuthentication.NONE;
            }
            return new HubAuthentication(authenticator, accessTokenCookie, AuthorizationPolicy.of(hubType));
        }

        private Injector hubInjector() {
            List<Class<? extends Hub>> hubTypes = hubs.values().stream().<Class<? extends Hub>>map(Mapping::hub)
                    .distinct().toList();
            if (injector == null) {
                return Guice.createInjector(new SwitchboardModule(backplane, hubTypes));
            }
            List<Class<? extends Hub>> unbound = hubTypes.stream()
                    .filter(hub -> injector.getExistingBinding(SwitchboardModule.contextKey(hub)) == null)
                    .toList();
            return unbound.isEmpty() ? injector
                    : injector.createChildInjector(new SwitchboardModule(backplane, unbound));
        }

        private DefaultHubContext<?> context(Injector hubInjector, Class<? extends Hub> hubType) {
            Object context = hubInjector.getInstance(SwitchboardModule.contextKey(hubType));
            if (!(context instanceof DefaultHubContext<?> owned)) {
                throw new IllegalArgumentException("HubContext<" + hubType.getSimpleName() + "> must come from "
                        + "SwitchboardModule, not from a binding of your own");
            }
            if (backplane != null && owned.backplane() != backplane) {
                throw new IllegalArgumentException("HubContext<" + hubType.getSimpleName() + "> is bound without "
                        + "the server's backplane: bind it with new SwitchboardModule(backplane, "
                        + hubType.getSimpleName() + ".class)");
            }
            return owned;
        }

        private static Provider<? extends Hub> provider(Injector hubInjector, Class<? extends Hub> hubType) {
            try {
                return hubInjector.getProvider(hubType);
            } catch (ConfigurationException e) {
                throw new IllegalArgumentException("Guice cannot create hub " + hubType.getName() + ": "
                        + e.getMessage(), e);
            }
        }

        /** A quarter of the shortest timeout, so that each is applied within 25 % of its length. */
        private static Duration min(Duration tick, List<Duration> timeouts) {
            Duration shortest = tick;
            for (Duration d : timeouts) {
                Duration quarter = d.dividedBy(4);
                if (quarter.compareTo(shortest) < 0) {
                    shortest = quarter;
                }
            }
            return shortest.compareTo(Duration.ofMillis(10)) < 0 ? Duration.ofMillis(10) : shortest;
        }
    }
}
