package dev.switchboard.internal.hosting;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.ConnectionRequest;
import dev.switchboard.internal.http.ConnectionManager;
import dev.switchboard.internal.http.CrossOrigin;
import dev.switchboard.internal.http.HubRoute;
import dev.switchboard.internal.http.HubUpgrade;
import dev.switchboard.internal.http.OriginPolicy;
import dev.switchboard.internal.protocol.HubProtocols;
import dev.switchboard.internal.transport.HostSocketTransport;
import dev.switchboard.internal.transport.WebSocketOpening;
import dev.switchboard.spi.host.HostExchange;
import dev.switchboard.spi.host.HostSocket;
import dev.switchboard.spi.host.HostSocketListener;
import dev.switchboard.spi.host.HubHost;
import dev.switchboard.spi.host.Upgrade;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server's hubs for a host with its own HTTP server: the same connections, rules and statuses as the embedded
 * server's, reached through the host SPI. The host moves bytes; everything a hub request means is decided here.
 */
public final class HostedHubs implements HubHost {

    private static final Logger log = LoggerFactory.getLogger(HostedHubs.class);
    /** How long clients have to end their transports once told to go, as on the embedded server. */
    private static final Duration FLUSH_ALLOWANCE = Duration.ofSeconds(1);
    private static final List<String> CLIENT_FILES = List.of("switchboard.mjs", "switchboard.min.js",
            "switchboard-msgpack.mjs", "switchboard-msgpack.min.js");
    private static final String NEGOTIATE = "/negotiate";

    /** By {@link HubRoute#caseKey} of the hub's path: paths are matched ignoring case, as ASP.NET Core's routing does. */
    private final Map<String, HubRoute> routes = new LinkedHashMap<>();
    private final Map<String, HostedRequests> requests = new LinkedHashMap<>();
    private final ConnectionManager connections;
    private final OriginPolicy origins;
    private final ExecutorService executor;
    private final ExecutorService senders;
    private final Duration tick;
    private final Duration shutdownTimeout;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);

    /** Where the hubs are in their life: started once, stopped once, never started again. */
    private enum State {
        NEW,
        STARTED,
        STOPPED
    }

    public HostedHubs(List<HubRoute> routes, ConnectionManager connections, ObjectMapper mapper, OriginPolicy origins,
                      ExecutorService executor, ExecutorService senders, Duration tick, Duration shutdownTimeout) {
        for (HubRoute route : routes) {
            this.routes.put(HubRoute.caseKey(route.path()), route);
            this.requests.put(HubRoute.caseKey(route.path()), new HostedRequests(route, connections, mapper));
        }
        this.connections = connections;
        this.origins = origins;
        this.executor = executor;
        this.senders = senders;
        this.tick = tick;
        this.shutdownTimeout = shutdownTimeout;
    }

    @Override
    public List<String> hubPaths() {
        return routes.values().stream().map(HubRoute::path).toList();
    }

    @Override
    public String hubRequestPath(String path) {
        HubRoute hub = routes.get(HubRoute.caseKey(path));
        if (hub != null) {
            return hub.path();
        }
        HubRoute negotiated = path.length() > NEGOTIATE.length() && path.regionMatches(true,
                path.length() - NEGOTIATE.length(), NEGOTIATE, 0, NEGOTIATE.length())
                ? routes.get(HubRoute.caseKey(path.substring(0, path.length() - NEGOTIATE.length()))) : null;
        return negotiated == null ? null : negotiated.path() + NEGOTIATE;
    }

    @Override
    public void handle(HostExchange exchange) {
        ConnectionRequest request = exchange.request();
        String path = hubRequestPath(request.path());
        HostedRequests hub = path == null || path.endsWith(NEGOTIATE) ? null : requests.get(HubRoute.caseKey(path));
        HostedRequests negotiated = path != null && path.endsWith(NEGOTIATE)
                ? requests.get(HubRoute.caseKey(path.substring(0, path.length() - NEGOTIATE.length()))) : null;
        if (hub == null && negotiated == null) {
            HostedRequests.text(exchange, 404, "No hub at this path.");
            return;
        }
        CrossOrigin.Answer answer = CrossOrigin.decide(origins, exchange.method(), request::header,
                exchange::setHeader, exchange::addHeader);
        if (answer != null) {
            if (answer.reason() == null) {
                exchange.respond(answer.status(), null, new byte[0], failure -> { });
            } else {
                HostedRequests.text(exchange, answer.status(), answer.reason());
            }
        } else if (hub != null) {
            hub.connection(exchange);
        } else {
            negotiated.negotiate(exchange);
        }
    }

    @Override
    public Upgrade upgrade(ConnectionRequest request) {
        HubRoute hub = routes.get(HubRoute.caseKey(request.path()));
        if (hub == null) {
            return new Upgrade.Refused(404, "No WebSocket endpoint at this path", Map.of());
        }
        var admission = origins.admit(request::header);
        if (!admission.allowed()) {
            return new Upgrade.Refused(403, admission.reason(), Map.of());
        }
        HubUpgrade.Decision decision = HubUpgrade.decide(connections, hub, request);
        if (decision instanceof HubUpgrade.Refused refused) {
            return new Upgrade.Refused(refused.status(), refused.reason(), refused.headers());
        }
        HubUpgrade.Admitted admitted = (HubUpgrade.Admitted) decision;
        return new Upgrade.Admitted() {
            @Override
            public Map<String, String> headers() {
                return Map.of();
            }

            @Override
            public HostSocketListener open(HostSocket socket) {
                HostSocketTransport transport = new HostSocketTransport(socket);
                WebSocketOpening.Attachment attached = HubUpgrade.attach(connections, admitted, transport);
                if (attached.listener() == null) {
                    socket.close(attached.closeCode(), attached.reason());
                } else {
                    transport.listen(attached.listener());
                }
                return transport;
            }
        };
    }

    @Override
    public int maxWebSocketMessage(String hubPath) {
        HubRoute hub = routes.get(HubRoute.caseKey(hubPath));
        if (hub == null) {
            throw new IllegalArgumentException("No hub at " + hubPath);
        }
        // A hub record's framing (a separator, a length prefix) comes on top of a record of the maximum size; a raw
        // connection's message has none.
        return hub.options().maximumReceiveMessageSize() + (hub.raw() ? 0 : HubProtocols.MAX_FRAMING_BYTES);
    }

    @Override
    public byte[] clientScript(String name) {
        if (!CLIENT_FILES.contains(name)) {
            return null;
        }
        try (InputStream in = HostedHubs.class.getResourceAsStream("/dev/switchboard/client/" + name)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            log.warn("Cannot read the bundled client {}", name, e);
            return null;
        }
    }

    @Override
    public void start() {
        if (state.get() == State.STOPPED) {
            throw new IllegalStateException("These hubs are stopped: build them again to start");
        }
        if (state.compareAndSet(State.NEW, State.STARTED)) {
            connections.start(tick);
            log.info("Switchboard hubs {} started", hubPaths());
        }
    }

    @Override
    public void stop() {
        if (state.getAndSet(State.STOPPED) == State.STOPPED) {
            return;
        }
        connections.shutdown(shutdownTimeout, FLUSH_ALLOWANCE);
        senders.shutdown();
        await(senders);
        // Queued disconnect callbacks still run; a hub call that outlived the timeout is interrupted.
        executor.shutdown();
        if (!await(executor)) {
            executor.shutdownNow();
            await(executor);
        }
        log.info("Switchboard hubs {} stopped", hubPaths());
    }

    private static boolean await(ExecutorService pool) {
        try {
            return pool.awaitTermination(FLUSH_ALLOWANCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public int connectionCount() {
        return connections.count();
    }
}
