package dev.switchboard.internal.host;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Injector;
import dev.switchboard.Authenticator;
import dev.switchboard.AuthorizationPolicy;
import dev.switchboard.Backplane;
import dev.switchboard.ConnectionHandler;
import dev.switchboard.Hub;
import dev.switchboard.HubOptions;
import dev.switchboard.ServerLimits;
import dev.switchboard.UserIdProvider;
import dev.switchboard.internal.dispatch.HubFilterRegistrations;
import dev.switchboard.internal.http.HttpRoutes;
import dev.switchboard.internal.http.OriginPolicy;
import dev.switchboard.spi.HubActivator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.glassfish.grizzly.http.server.HttpHandler;

/**
 * Everything a server's builder collected, validated and copied, so that the assembly reads one value that
 * no later builder call can change. Paths keep the order they were mapped in.
 *
 * @param hubs each hub's path, class and options (the server's where it was mapped without its own)
 * @param handlers each connection handler's path, class or instance, and options
 * @param endpoints each plain WebSocket endpoint's path and class
 * @param injector the application's injector, or null for one of the server's own
 * @param activator the application's container, or null for Guice
 * @param authenticator null when every connection is anonymous
 * @param accessTokenCookie null when no cookie is read
 * @param policies the authorization policies by name
 * @param staticContent null when none is served
 * @param keystore null for plain http
 * @param keystorePassword null for plain http
 * @param backplane null for a server of its own
 * @param http the HTTP routes and before-handlers of the embedded server
 */
public record ServerSettings(String host, int port, Map<String, HubRoute> hubs, Map<String, HandlerRoute> handlers,
                             Map<String, Class<?>> endpoints,
                             HubFilterRegistrations filters, Injector injector, HubActivator activator,
                             UserIdProvider userIdProvider,
                             Authenticator authenticator, String accessTokenCookie,
                             Map<String, AuthorizationPolicy> policies, ObjectMapper mapper,
                             HttpHandler staticContent, int hubThreads, int maxConnections, Duration shutdownTimeout,
                             Path keystore, char[] keystorePassword, OriginPolicy origins, Backplane backplane,
                             ServerLimits limits, boolean stopAtShutdown, HttpRoutes http) {

    /** A hub mapped at a path, with the options it runs with. */
    public record HubRoute(Class<? extends Hub> hub, HubOptions options) {
        public HubRoute {
            Objects.requireNonNull(hub, "hub");
            Objects.requireNonNull(options, "options");
        }
    }

    /**
     * A connection handler mapped at a path, with the options it runs with.
     *
     * @param type its class, made through the injector for each connection; null when {@code instance} is given
     * @param instance the one handler of every connection; null when {@code type} is given
     */
    public record HandlerRoute(Class<? extends ConnectionHandler> type, ConnectionHandler instance,
                               HubOptions options) {
        public HandlerRoute {
            if ((type == null) == (instance == null)) {
                throw new IllegalArgumentException("A connection handler's class or an instance of it, not both");
            }
        }

        /** {@return the handler's class} */
        public Class<? extends ConnectionHandler> handlerClass() {
            return type != null ? type : instance.getClass();
        }
    }

    /**
     * @throws IllegalArgumentException for a plain endpoint or an HTTP route mapped at a hub's or a handler's path
     *         or negotiate path, or two hubs or handlers whose paths differ only in case
     */
    public ServerSettings {
        hubs = Collections.unmodifiableMap(new LinkedHashMap<>(hubs));
        handlers = Collections.unmodifiableMap(new LinkedHashMap<>(handlers));
        endpoints = Collections.unmodifiableMap(new LinkedHashMap<>(endpoints));
        policies = Map.copyOf(policies);
        filters = filters.copy();
        keystorePassword = keystorePassword == null ? null : keystorePassword.clone();
        Routes.checkEndpointsAvoidHubs(endpoints, hubs);
        Routes.checkEndpointsAvoidHandlers(endpoints, handlers);
        http = http.copy();
        Set<String> connectionPaths = new LinkedHashSet<>(hubs.keySet());
        connectionPaths.addAll(handlers.keySet());
        http.checkAvoidHubs(connectionPaths);
        Routes.checkHubPathsDiffer(connectionPaths);
    }

    /** {@return a copy of the keystore's password, or null for plain http} */
    @Override
    public char[] keystorePassword() {
        return keystorePassword == null ? null : keystorePassword.clone();
    }

    /** {@return the hub classes mapped, each once, in the order they were first mapped} */
    public List<Class<? extends Hub>> hubTypes() {
        return hubs.values().stream().<Class<? extends Hub>>map(HubRoute::hub).distinct().toList();
    }
}
