package dev.switchboard.servlet.internal;

import dev.switchboard.ConnectionRequest;
import dev.switchboard.LogSafe;
import dev.switchboard.spi.host.HubHost;
import dev.switchboard.spi.host.Upgrade;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.server.ServerContainer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one servlet of a registration: the bundled client, WebSocket upgrades to a hub's path (decided by the hub host,
 * performed by the container's {@link ServerContainer}), and every other request handed to the hub host as a
 * {@link ServletExchange} in asynchronous mode.
 */
public final class HostServlet extends HttpServlet {

    private static final Logger log = LoggerFactory.getLogger(HostServlet.class);
    private static final long serialVersionUID = 1L;

    private final transient HubHost host;
    private final transient ScheduledExecutorService timer;

    /**
     * For one registration.
     *
     * @param host the hubs
     * @param timer the timer of held exchanges
     */
    public HostServlet(HubHost host, ScheduledExecutorService timer) {
        this.host = host;
        this.timer = timer;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = Requests.path(request);
        if (path.startsWith(HubHost.CLIENT_PATH + "/")) {
            clientScript(request, response, path.substring(HubHost.CLIENT_PATH.length() + 1));
            return;
        }
        ConnectionRequest connectionRequest = Requests.of(request, path);
        String hubPath = host.hubRequestPath(path);
        if (isUpgrade(request) && hubPath != null && host.hubPaths().contains(hubPath)) {
            upgrade(request, response, hubPath, connectionRequest);
            return;
        }
        ServletExchange exchange = new ServletExchange(request, response, connectionRequest, timer);
        try {
            host.handle(exchange);
        } catch (RuntimeException e) {
            log.error("Switchboard failed on {} {}", request.getMethod(), LogSafe.escape(path), e);
            exchange.respond(500, "text/plain;charset=utf-8",
                    "Internal server error".getBytes(StandardCharsets.UTF_8), error -> { });
        }
    }

    private static boolean isUpgrade(HttpServletRequest request) {
        return "GET".equals(request.getMethod()) && "websocket".equalsIgnoreCase(request.getHeader("Upgrade"));
    }

    private void upgrade(HttpServletRequest request, HttpServletResponse response, String path,
                         ConnectionRequest connectionRequest) throws IOException {
        Upgrade decision = host.upgrade(connectionRequest);
        if (decision instanceof Upgrade.Refused refused) {
            refused.headers().forEach(response::setHeader);
            small(response, refused.status(), "text/plain;charset=utf-8",
                    refused.reason().getBytes(StandardCharsets.UTF_8));
            return;
        }
        Upgrade.Admitted admitted = (Upgrade.Admitted) decision;
        Object container = request.getServletContext().getAttribute(ServerContainer.class.getName());
        if (!(container instanceof ServerContainer serverContainer)) {
            log.error("Switchboard: this servlet container has no jakarta.websocket ServerContainer: WebSockets to"
                    + " {} cannot be opened", path);
            small(response, 501, "text/plain;charset=utf-8",
                    "WebSockets are not available".getBytes(StandardCharsets.UTF_8));
            return;
        }
        try {
            serverContainer.upgradeHttpToWebSocket(request, response,
                    HubEndpoint.config(path, admitted, host.maxWebSocketMessage(path)), Map.of());
        } catch (jakarta.websocket.DeploymentException | RuntimeException e) {
            log.warn("Switchboard: the WebSocket upgrade to {} from {} failed: {}", LogSafe.escape(path),
                    request.getRemoteAddr(), LogSafe.escape(e.getMessage()));
            if (!response.isCommitted()) {
                small(response, 400, "text/plain;charset=utf-8",
                        "WebSocket upgrade failed".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** A small answer written at once, as a refusal or the client's script is. */
    private static void small(HttpServletResponse response, int status, String type, byte[] body) throws IOException {
        response.setStatus(status);
        response.setContentType(type);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private void clientScript(HttpServletRequest request, HttpServletResponse response, String name)
            throws IOException {
        byte[] script = host.clientScript(name);
        String method = request.getMethod();
        if (script == null) {
            small(response, 404, "text/plain;charset=utf-8", "Not Found".getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            response.setHeader("Allow", "GET, HEAD");
            small(response, 405, "text/plain;charset=utf-8",
                    "Method Not Allowed".getBytes(StandardCharsets.UTF_8));
            return;
        }
        response.setHeader("Cache-Control", "no-cache");
        if ("HEAD".equals(method)) {
            response.setContentType("text/javascript;charset=utf-8");
            response.setContentLength(script.length);
            return;
        }
        // Tens of kilobytes: written without blocking, as every other answer.
        ServletExchange exchange = new ServletExchange(request, response, Requests.of(request, name), timer);
        exchange.respond(200, "text/javascript;charset=utf-8", script, error -> { });
    }
}
