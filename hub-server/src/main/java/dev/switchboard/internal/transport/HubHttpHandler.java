package dev.switchboard.internal.transport;

import dev.switchboard.internal.connection.ConnectionState;
import dev.switchboard.internal.connection.HubConnection;
import java.io.IOException;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * Plain HTTP requests to {@code {hub}} (WebSocket upgrades never reach here). Only WebSockets is
 * enabled, so these answer with SignalR's statuses: 400 without an id, 404 for an unknown one, and the
 * WebSocket-specific refusals for a connection in use.
 */
final class HubHttpHandler extends HttpHandler {

    private final HubEndpoint endpoint;
    private final ConnectionManager connections;

    HubHttpHandler(HubEndpoint endpoint, ConnectionManager connections) {
        this.endpoint = endpoint;
        this.connections = connections;
    }

    @Override
    public void service(Request request, Response response) throws IOException {
        Method method = request.getMethod();
        if (method != Method.GET && method != Method.POST && method != Method.DELETE) {
            response.setHeader("Allow", "GET, POST, DELETE");
            HttpResponses.text(response, 405, "Method not allowed.");
            return;
        }
        String token = QueryString.first(QueryString.parse(request.getQueryString()), "id");
        if (token == null || token.isEmpty()) {
            HttpResponses.text(response, 400, "Connection ID required");
            return;
        }
        HubConnection connection = connections.find(endpoint, token);
        if (connection == null || connection.state() == ConnectionState.CLOSED) {
            HttpResponses.text(response, 404, "No Connection with that ID");
            return;
        }
        boolean inUse = connection.state() != ConnectionState.NEGOTIATED;
        if (method == Method.POST) {
            if (inUse) {
                HttpResponses.text(response, 405, "POST requests are not allowed for WebSocket connections.");
            } else {
                HttpResponses.text(response, 404, "No Connection with that ID");
            }
        } else if (method == Method.DELETE) {
            HttpResponses.text(response, 400, "Cannot terminate this connection using the DELETE endpoint.");
        } else if (inUse) {
            HttpResponses.text(response, 400, "Cannot change transports mid-connection");
        } else {
            HttpResponses.text(response, 404, "Only the WebSockets transport is enabled on this server.");
        }
    }
}
