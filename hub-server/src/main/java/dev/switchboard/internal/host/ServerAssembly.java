package dev.switchboard.internal.host;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.switchboard.ConnectionHandler;
import dev.switchboard.Hub;
import dev.switchboard.HubFilter;
import dev.switchboard.HubOptions;
import dev.switchboard.SwitchboardModule;
import dev.switchboard.internal.auth.AuthorizeRule;
import dev.switchboard.internal.auth.HubAuthentication;
import dev.switchboard.internal.dispatch.HubDescriptor;
import dev.switchboard.internal.dispatch.ServiceParameters;
import dev.switchboard.internal.dispatch.HubDispatcher;
import dev.switchboard.internal.lifetime.DefaultHubContext;
import dev.switchboard.internal.protocol.HandshakeProtocol;
import dev.switchboard.internal.protocol.HubProtocol;
import dev.switchboard.internal.protocol.HubProtocols;
import dev.switchboard.internal.protocol.ProtocolSerialization;
import dev.switchboard.internal.connection.HubConnectionContext;
import dev.switchboard.internal.connection.RawConnectionContext;
import dev.switchboard.internal.http.ConnectionManager;
import dev.switchboard.internal.http.DaemonThreads;
import dev.switchboard.internal.http.HttpHost;
import dev.switchboard.internal.http.HttpPipeline;
import dev.switchboard.internal.http.HubRoute;
import dev.switchboard.internal.http.Keystores;
import dev.switchboard.internal.hosting.HostedHubs;
import dev.switchboard.spi.HubActivator;
import dev.switchboard.spi.HubLifetimeManager;
import dev.switchboard.spi.host.HubHost;
import dev.switchboard.spi.Serialization;
import jakarta.inject.Provider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

/**
 * The composition root: from a server's settings, wires hubs, filters, protocols, connections and the HTTP host
 * once, checking on the way every hub, filter and injection, so that mistakes fail as the server is built.
 */
public final class ServerAssembly {

    private final ServerSettings settings;

    private ServerAssembly(ServerSettings settings) {
        this.settings = settings;
    }

    /**
     * {@return the server's parts, not yet started}
     *
     * @throws IllegalArgumentException for a hub, hub filter, plain endpoint or keystore that cannot be used
     */
    public static ServerParts assemble(ServerSettings settings) {
        return new ServerAssembly(settings).assemble();
    }

    /**
     * {@return the hubs for a host with an HTTP server of its own, not yet started}
     *
     * @throws IllegalArgumentException for a hub or hub filter that cannot be used, or a setting of the
     *         embedded server's own HTTP server
     */
    public static HubHost assembleHost(ServerSettings settings) {
        if (settings.keystore() != null || settings.staticContent() != null || !settings.endpoints().isEmpty()) {
            throw new IllegalArgumentException("TLS, static files and plain WebSocket endpoints are the host's to "
                    + "serve: set them on the container, not on the hubs");
        }
        if (!settings.http().isEmpty()) {
            throw new IllegalArgumentException("HTTP routes and before-handlers are the host's to serve: map them "
                    + "in the container (a servlet, a filter, a Spring controller), not on the hubs");
        }
        Core core = new ServerAssembly(settings).core();
        return new HostedHubs(core.routes(), core.connections(), settings.mapper(), settings.origins(),
                core.executor(), core.senders(), core.tick(), settings.shutdownTimeout());
    }

    /** What every host of the hubs runs: the routes, the threads and the connections. */
    private record Core(List<HubRoute> routes, ExecutorService executor, ExecutorService senders,
                        ConnectionManager connections, Duration tick, int largestMessage, int largestSendBuffer) {
    }

    private ServerParts assemble() {
        SSLContext tlsContext = settings.keystore() == null ? null
                : Keystores.serverContext(settings.keystore(), settings.keystorePassword());
        Core core = core();
        // The largest message of a plain endpoint's WebSocket, refused with 1009 beyond; a hub's are bounded by
        // the hub's maximum message size.
        int maxFrame = Math.max(1024 * 1024, core.largestMessage() * 4);
        // One batch of a connection's outgoing queue must always fit in Grizzly's queue for its socket.
        int maxPendingWrite = Math.max(64 * 1024, 2 * core.largestSendBuffer());
        HttpHost httpHost = new HttpHost(settings.host(), settings.port(), core.routes(),
                List.copyOf(settings.endpoints().values()), core.connections(), settings.mapper(), maxFrame,
                settings.staticContent(), tlsContext, maxPendingWrite, settings.origins(), settings.limits(),
                new HttpPipeline(settings.http(), settings.mapper(), settings.origins(),
                        settings.limits().maxRequestBodySize(), settings.hubThreads()));
        return new ServerParts(httpHost, core.connections(), core.executor(), core.senders(), core.tick(),
                Stream.concat(settings.hubs().keySet().stream(), settings.handlers().keySet().stream()).toList(),
                List.copyOf(settings.endpoints().keySet()));
    }

    private Core core() {
        HubActivator activator = settings.activator() != null ? settings.activator()
                : new GuiceActivator(hubInjector());
        Map<Class<? extends Hub>, List<Provider<? extends HubFilter>>> hubFilters = settings.filters().resolve(
                activator, settings.hubTypes());
        List<HubRoute> hubRoutes = new ArrayList<>();
        // The negotiate hold, like the hubs' timeouts, is applied within a quarter of its length.
        Duration tick = min(Duration.ofSeconds(1), List.of(settings.limits().negotiateHoldTimeout()));
        int largestMessage = 0;
        int largestSendBuffer = 0;
        // Only the protocols some hub supports: a backplane sends other servers a message in each of them.
        Map<String, HubProtocol> protocols = HubProtocols.of(settings.hubs().values().stream()
                .flatMap(hub -> hub.options().supportedProtocols().stream()).distinct().toList(), settings.mapper());
        Map<String, Map<String, HubProtocol>> protocolsByPath = new HashMap<>();
        Serialization serialization = new ProtocolSerialization(protocols.values(), settings.mapper());
        for (Map.Entry<String, ServerSettings.HubRoute> entry : settings.hubs().entrySet()) {
            Class<? extends Hub> hubType = entry.getValue().hub();
            HubOptions hubOptions = entry.getValue().options();
            DefaultHubContext<?> context = context(activator, hubType);
            HubDescriptor descriptor = HubDescriptor.of(hubType, settings.mapper(),
                    ServiceParameters.of(activator, !hubOptions.disableImplicitFromServicesParameters()),
                    settings.policies());
            HubLifetimeManager lifetime = context.attachServer(serialization, hubOptions,
                    descriptor.clientInterfaces());
            HubDispatcher dispatcher = new HubDispatcher(descriptor, activator.provider(hubType)::get,
                    lifetime, settings.userIdProvider(), hubOptions, hubFilters.get(hubType));
            hubRoutes.add(new HubRoute(entry.getKey(), hubOptions, dispatcher, authentication(hubType)));
            protocolsByPath.put(entry.getKey(), HubProtocols.only(protocols, hubOptions.supportedProtocols()));
            tick = min(tick, List.of(hubOptions.keepAliveInterval(), hubOptions.clientTimeoutInterval(),
                    hubOptions.handshakeTimeout(), hubOptions.disconnectTimeout()));
            largestMessage = Math.max(largestMessage, hubOptions.maximumReceiveMessageSize());
            largestSendBuffer = Math.max(largestSendBuffer, hubOptions.maximumSendBufferSize());
        }
        for (Map.Entry<String, ServerSettings.HandlerRoute> entry : settings.handlers().entrySet()) {
            ServerSettings.HandlerRoute handler = entry.getValue();
            HubOptions handlerOptions = handler.options();
            ConnectionHandler instance = handler.instance();
            Supplier<ConnectionHandler> handlers = instance != null ? () -> instance
                    : provider(activator, handler.type());
            hubRoutes.add(new HubRoute(entry.getKey(), handlerOptions, null, authentication(handler.handlerClass()),
                    handlers));
            tick = min(tick, List.of(handlerOptions.keepAliveInterval(), handlerOptions.disconnectTimeout()));
            largestMessage = Math.max(largestMessage, handlerOptions.maximumReceiveMessageSize());
            largestSendBuffer = Math.max(largestSendBuffer, handlerOptions.maximumSendBufferSize());
        }
        ExecutorService executor = Executors.newFixedThreadPool(settings.hubThreads(),
                new DaemonThreads("switchboard-hub-"));
        // Writes every connection's queued messages: a thread per core, since writes never block.
        ExecutorService senders = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(),
                new DaemonThreads("switchboard-send-"));
        HandshakeProtocol handshake = new HandshakeProtocol(settings.mapper());
        ConnectionManager connections = new ConnectionManager((id, token, route) -> route.raw()
                ? new RawConnectionContext(id, token, route.options(), route.handler().get(), executor, senders)
                : new HubConnectionContext(id, token, route.options(), route.events(), protocolsByPath.get(route.path()),
                        handshake, executor, senders),
                settings.maxConnections(), settings.limits());
        return new Core(hubRoutes, executor, senders, connections, tick, largestMessage, largestSendBuffer);
    }

    /**
     * The handler's provider, checked now: a class the container cannot make fails the build rather than a
     * client's connection.
     */
    private static Supplier<ConnectionHandler> provider(HubActivator activator,
                                                        Class<? extends ConnectionHandler> type) {
        Supplier<? extends ConnectionHandler> made = activator.provider(type);
        return made::get;
    }

    /**
     * @throws IllegalArgumentException for a hub or connection handler that asks for authorization on a server
     *         without authentication
     */
    private HubAuthentication authentication(Class<?> hubType) {
        if (settings.authenticator() == null) {
            if (AuthorizeRule.anyIn(hubType)) {
                throw new IllegalArgumentException((ConnectionHandler.class.isAssignableFrom(hubType)
                        ? "Connection handler " : "Hub ") + hubType.getName() + " uses @Authorize, which needs an "
                        + "authenticator: set one with HubServer.Builder.authenticator(...)");
            }
            return HubAuthentication.NONE;
        }
        return new HubAuthentication(settings.authenticator(), settings.accessTokenCookie(),
                AuthorizeRule.of(hubType, settings.policies()));
    }

    /** The application's injector, with a child that binds the hub contexts it does not bind itself. */
    private Injector hubInjector() {
        List<Class<? extends Hub>> hubTypes = settings.hubTypes();
        Injector injector = settings.injector();
        if (injector == null) {
            return Guice.createInjector(new SwitchboardModule(settings.backplane(), hubTypes));
        }
        List<Class<? extends Hub>> unbound = hubTypes.stream()
                .filter(hub -> injector.getExistingBinding(SwitchboardModule.contextKey(hub)) == null)
                .toList();
        return unbound.isEmpty() ? injector
                : injector.createChildInjector(new SwitchboardModule(settings.backplane(), unbound));
    }

    private DefaultHubContext<?> context(HubActivator activator, Class<? extends Hub> hubType) {
        Object context = activator.hubContext(hubType);
        if (context == null) {
            return new DefaultHubContext<>(hubType, settings.backplane());
        }
        if (!(context instanceof DefaultHubContext<?> owned)) {
            throw new IllegalArgumentException("HubContext<" + hubType.getSimpleName() + "> must come from "
                    + (settings.activator() == null ? "SwitchboardModule" : "HubContexts.create")
                    + ", not from a binding of your own");
        }
        if (settings.backplane() != null && owned.backplane() != settings.backplane()) {
            throw new IllegalArgumentException("HubContext<" + hubType.getSimpleName() + "> is bound without "
                    + "the server's backplane: bind it with new SwitchboardModule(backplane, "
                    + hubType.getSimpleName() + ".class)");
        }
        return owned;
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
