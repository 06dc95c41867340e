package dev.switchboard.internal.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.ServerLimits;
import dev.switchboard.internal.transport.ServerSentEventsTransport;
import jakarta.websocket.DeploymentException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import javax.net.ssl.SSLContext;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.HttpHandlerRegistration;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.ServerConfiguration;
import org.glassfish.grizzly.ssl.SSLEngineConfigurator;
import org.glassfish.grizzly.utils.IdleTimeoutFilter;
import org.glassfish.tyrus.container.grizzly.server.WebSocketAddOn;

/**
 * One Grizzly listener that carries everything: WebSocket upgrades go to Tyrus, hubs and plain annotated
 * endpoints alike, {@code {hub}/negotiate} and other {@code {hub}} requests to our handlers, {@code /switchboard/}
 * to the bundled browser client, anything else to the static content handler.
 */
public final class HttpHost implements AutoCloseable {

    /** Room in Tyrus's buffer past the largest frame: a header and one read, which a socket's buffer bounds. */
    private static final int TYRUS_READ_ROOM = 1024 * 1024;

    private final HttpServer server = new HttpServer();
    private final NetworkListener listener;
    private final WebSocketContainer webSockets;
    /** The sweep of the HTTP deadlines, and the cut of WebSockets failed for bad frames that do not close. */
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
            new DaemonThreads("switchboard-timer-"));
    private final HttpDeadlines deadlines;
    private final String host;
    private final HttpPipeline http;

    /**
     * @param plainEndpoints classes annotated with {@code @ServerEndpoint}, deployed now so that Tyrus's
     *        objections to them are raised here
     * @param maxFrameSize the largest WebSocket message Tyrus assembles, and the largest a plain endpoint's
     *        WebSocket may send; larger ones are refused with 1009
     * @param staticContent serves {@code /}, or null for none: every path but the hubs' is then 404
     * @param tls the server's TLS context for https and wss, or null for plain http and ws
     * @param maxPendingWriteBytes the most bytes Grizzly queues for one socket before it reports that the
     *        client cannot take more; our connections' own bounds then apply
     * @param origins the pages that may open WebSockets and use the hubs' HTTP transports
     * @param limits the HTTP timeouts and socket limits
     * @param http the application's HTTP routes and before-handlers, closed with the host
     */
    public HttpHost(String host, int port, List<HubRoute> hubs, List<Class<?>> plainEndpoints,
                    ConnectionManager connections, ObjectMapper mapper, int maxFrameSize, HttpHandler staticContent,
                    SSLContext tls, int maxPendingWriteBytes, OriginPolicy origins, ServerLimits limits,
                    HttpPipeline http) {
        JulRouting.install();
        LogRedaction.install();
        ClientErrorLogLines.install();
        // Failed WebSockets that do not read are many short waits: their tasks go as soon as they are cancelled.
        timer.setRemoveOnCancelPolicy(true);
        Map<String, HubRoute> byPath = new LinkedHashMap<>();
        hubs.forEach(hub -> byPath.put(hub.path(), hub));
        // The guards bound every message; Tyrus's buffer holds one frame's start and a read behind it.
        UpgradingSockets upgrading = new UpgradingSockets();
        this.webSockets = new WebSocketContainer(maxFrameSize + TYRUS_READ_ROOM, engine -> new UpgradeGate(engine,
                upgrading, connections, byPath, origins, maxFrameSize, timer));
        this.host = host;
        this.listener = new NetworkListener("switchboard", host, port);
        // Grizzly's keep-alive timeout would drop idle WebSockets too: HttpDeadlines applies the HTTP timeouts, up
        // to the upgrade, and the heartbeat judges WebSockets.
        listener.getKeepAlive().setIdleTimeoutInSeconds(-1);
        // With no timeout, Grizzly's IdleTimeoutFilter only tracks every socket (two objects each, for the life of
        // a WebSocket) and wraps every read and write in bookkeeping: leave it out of the chain.
        listener.registerAddOn((network, chain) -> {
            int idleTimeout = chain.indexOfType(IdleTimeoutFilter.class);
            if (idleTimeout >= 0) {
                chain.remove(idleTimeout);
            }
        });
        // Left alone, Grizzly queues up to four times the socket's send buffer, which Linux grows to 4 MB, for
        // each client that stops reading.
        listener.getTransport().getAsyncQueueIO().getWriter().setMaxPendingBytesPerConnection(maxPendingWriteBytes);
        // A restarted server must bind the port at once, while the last run's sockets still linger in TIME_WAIT.
        listener.getTransport().setReuseAddress(true);
        // The socket limit, and a listener that pauses rather than spins or breaks when descriptors run out.
        SocketGuard.install(listener, limits.maxConcurrentSockets());
        if (tls != null) {
            listener.setSecure(true);
            listener.setSSLEngineConfig(new SSLEngineConfigurator(tls, false, false, false));
        }
        listener.registerAddOn(new UpgradeFilter.Installer(upgrading));
        // Right before the codec, after the UpgradedSocketFilter, so WebSocket frames never pass through it.
        listener.registerAddOn((network, chain) -> chain.add(
                chain.indexOfType(HttpServerFilter.class),
                new ServerSentEventsTransport.InputFilter()));
        listener.registerAddOn(new WebSocketAddOn(webSockets, "/"));
        // All three go right after the codec: MalformedRequests, added last, comes first.
        this.deadlines = new HttpDeadlines(limits, timer);
        listener.registerAddOn(deadlines);
        listener.registerAddOn(new HubPaths(hubs.stream().map(HubRoute::path).toList()));
        listener.registerAddOn(new MalformedRequests());
        server.addListener(listener);
        ServerConfiguration configuration = server.getServerConfiguration();
        configuration.setJmxEnabled(false);
        configuration.setHttpServerName("Switchboard");
        configuration.setPassTraceRequest(false);
        for (HubRoute hub : hubs) {
            configuration.addHttpHandler(http.wrap(new NegotiateHandler(hub, connections, mapper, origins), false),
                    exact(hub.path() + "/negotiate"));
            configuration.addHttpHandler(new HubHttpHandler(hub, connections, origins), exact(hub.path()));
            try {
                webSockets.addEndpoint(HubEndpointConfigurator.config(hub));
            } catch (DeploymentException e) {
                throw new IllegalArgumentException("Cannot map hub at " + hub.path(), e);
            }
        }
        for (Class<?> endpoint : plainEndpoints) {
            try {
                webSockets.register(endpoint);
            } catch (DeploymentException e) {
                throw new IllegalArgumentException("Cannot deploy WebSocket endpoint " + endpoint.getName() + ": "
                        + e.getMessage().strip(), e);
            }
        }
        configuration.addHttpHandler(http.wrap(ClientScripts.handler(), false),
                HttpHandlerRegistration.builder().contextPath(ClientScripts.PATH).urlPattern("/*").build());
        // Without a handler of its own at the root, Grizzly gives unmatched paths to the first handler added.
        // The routes come before the static content, and the 404 page after both.
        configuration.addHttpHandler(http.wrap(staticContent != null ? staticContent
                : new NotFoundHandler(hubs.stream().map(HubRoute::path).toList()), true), HttpHandlerRegistration.ROOT);
        this.http = http;
    }

    /** Grizzly would read {@code /chat/negotiate} as context {@code /chat}; hub paths are exact, whole paths. */
    private static HttpHandlerRegistration exact(String path) {
        return HttpHandlerRegistration.builder().contextPath("").urlPattern(path).build();
    }

    /**
     * Binds the port and starts serving; when it cannot, it releases what it started and throws an exception whose
     * message says in one line what failed, such as {@code Port 8080 is already in use}.
     */
    public void start() throws IOException {
        int port = listener.getPort();
        try {
            webSockets.start("/", port);
            webSockets.doneDeployment();
            server.start();
        } catch (DeploymentException e) {
            close();
            throw new IOException("Cannot deploy the WebSocket endpoints: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            close();
            throw StartFailures.describe(e, host, port);
        }
    }

    /** The bound port; the real one when 0 was asked for. */
    public int port() {
        return listener.getPort();
    }

    /** Stops at once: the connection manager has already closed the hub connections. */
    @Override
    public void close() {
        server.shutdownNow();
        webSockets.stop();
        deadlines.close();
        http.close();
        timer.shutdownNow();
    }
}
