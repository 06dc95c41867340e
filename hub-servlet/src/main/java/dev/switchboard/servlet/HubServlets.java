package dev.switchboard.servlet;

import dev.switchboard.servlet.internal.HostServlet;
import dev.switchboard.servlet.internal.HubLifecycle;
import dev.switchboard.servlet.internal.HubPathCase;
import dev.switchboard.spi.host.HubHost;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers a server's hubs in a servlet container, the container's way: one asynchronous servlet is mapped at each
 * hub's path, at its {@code /negotiate}, and at {@link HubHost#CLIENT_PATH}{@code /*} for the bundled browser
 * client; a filter sends it the requests to those paths in another case, since hub paths match ignoring case as in
 * ASP.NET Core. Negotiate, Server-Sent Events, long polling and the client's POSTs and DELETEs are answered with
 * non-blocking I/O, so a slow client never holds a container thread; a WebSocket upgrade to a hub's path is decided
 * by the hubs first (a refusal is a real HTTP answer with its status) and then performed by the container's own
 * {@code jakarta.websocket.server.ServerContainer}. The hubs start when the context has started and are stopped
 * gracefully (running calls finish, clients are told to reconnect elsewhere) when it is destroyed.
 *
 * <pre>{@code
 * // in a ServletContainerInitializer, or Spring Boot's ServletContextInitializer:
 * HubServlets.register(servletContext, HubServer.builder()
 *         .hub("/chat", ChatHub.class)
 *         .buildHost());
 * }</pre>
 *
 * <p>Without code of your own at start-up, implement {@link HubInitializer}.
 */
public final class HubServlets {

    private static final Logger log = LoggerFactory.getLogger(HubServlets.class);

    private final HubHost host;

    private HubServlets(HubHost host) {
        this.host = host;
    }

    /**
     * Maps every hub of {@code host} in {@code context} and ties the hubs' life to the context's. Call it while the
     * context starts (from a {@code ServletContainerInitializer}, or a {@code ServletContextListener} declared in
     * {@code web.xml} or Spring Boot's {@code ServletContextInitializer}); if the context no longer takes
     * listeners, the hubs are started at once and stopping them, with {@code host().stop()}, is the caller's.
     *
     * @param context the servlet context, not yet started
     * @param host the hubs, from {@code HubServer.builder()...buildHost()}, not started
     * @return the registration
     * @throws IllegalStateException when a hub's path is already mapped to another servlet, or the context has
     *         started
     */
    public static HubServlets register(ServletContext context, HubHost host) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(host, "host");
        HubLifecycle lifecycle = new HubLifecycle(host);
        String name = "switchboard-hubs-" + Integer.toHexString(System.identityHashCode(host));
        HostServlet hostServlet = new HostServlet(host, lifecycle.timer());
        ServletRegistration.Dynamic servlet = context.addServlet(name, hostServlet);
        if (servlet == null) {
            throw new IllegalStateException("A servlet named " + name + " is registered already");
        }
        servlet.setAsyncSupported(true);
        servlet.setLoadOnStartup(1);
        List<String> patterns = new ArrayList<>();
        for (String path : host.hubPaths()) {
            patterns.add(path);
            patterns.add(path + "/negotiate");
        }
        Set<String> taken = servlet.addMapping(patterns.toArray(String[]::new));
        if (!taken.isEmpty()) {
            throw new IllegalStateException("Switchboard: these paths are mapped to another servlet already: " + taken);
        }
        // Hub paths match ignoring case, as in ASP.NET Core; the container's mappings match exactly.
        FilterRegistration.Dynamic pathCase = context.addFilter(name + "-path-case", new HubPathCase(host, hostServlet));
        pathCase.setAsyncSupported(true);
        pathCase.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/*");
        // A second registration (two initializers) leaves the client where the first put it.
        if (!servlet.addMapping(HubHost.CLIENT_PATH + "/*").isEmpty()) {
            log.debug("{}/* is mapped already; the bundled client is served from there", HubHost.CLIENT_PATH);
        }
        try {
            context.addListener(lifecycle);
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            log.warn("Switchboard: the servlet context takes no listeners now ({}); the hubs start at once and are"
                    + " stopped by host().stop()", e.getMessage());
            lifecycle.startNow();
        }
        log.info("Switchboard hubs {} registered in servlet context '{}'", host.hubPaths(), context.getContextPath());
        return new HubServlets(host);
    }

    /** {@return the hubs registered, for their connection count or to stop them} */
    public HubHost host() {
        return host;
    }
}
