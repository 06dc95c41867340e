package dev.switchboard.internal.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.Transport;
import dev.switchboard.internal.auth.AuthenticationResult;
import dev.switchboard.internal.connection.HubConnectionContext;
import java.io.IOException;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * {@code POST {hub}/negotiate}: creates a connection and lists the transports. Versions 0 and 1, as the
 * .NET server answers them; errors are a 200 with {@code {"error":...}}, which the clients expect. Foreign
 * origins are answered first, by {@link CrossOrigin}; a client address over its negotiate rate next, with 429,
 * before anything is authenticated or created.
 */
final class NegotiateHandler extends HttpHandler {

    private static final int MAX_VERSION = 1;

    private final HubRoute route;
    private final ConnectionManager connections;
    private final ObjectMapper mapper;
    private final OriginPolicy origins;

    NegotiateHandler(HubRoute route, ConnectionManager connections, ObjectMapper mapper, OriginPolicy origins) {
        this.route = route;
        this.connections = connections;
        this.mapper = mapper;
        this.origins = origins;
    }

    @Override
    public void service(Request request, Response response) throws IOException {
        if (!CrossOrigin.admit(origins, request, response)) {
            return;
        }
        if (request.getMethod() != Method.POST) {
            response.setHeader("Allow", "POST");
            HttpResponses.text(response, 405, "Negotiate takes POST requests only.");
            return;
        }
        long retryAfter = connections.negotiateRate().retryAfterSeconds(
                request.getContext().getConnection().getPeerAddress(), System.nanoTime());
        if (retryAfter > 0) {
            HttpResponses.tooManyRequests(response, retryAfter);
            return;
        }
        AuthenticationResult.Allowed allowed = RequestAuthentication.check(route, request, response);
        if (allowed == null) {
            return;
        }
        String requested = QueryString.first(QueryString.parse(request.getQueryString()), "negotiateVersion");
        int version;
        try {
            version = requested == null ? 0 : Integer.parseInt(requested.trim());
        } catch (NumberFormatException e) {
            HttpResponses.json(response, error("The client requested a non-integer protocol version."));
            return;
        }
        if (version < 0) {
            HttpResponses.json(response, error("The client requested version '" + version
                    + "', but the server does not support this version."));
            return;
        }
        version = Math.min(version, MAX_VERSION);
        ConnectionManager.Entry entry = connections.create(route, version >= 1);
        if (entry == null) {
            HttpResponses.full(response, connections);
            return;
        }
        HubConnectionContext connection = entry.connection();
        connection.caller().user(allowed.user());
        ObjectNode body = mapper.createObjectNode();
        body.put("negotiateVersion", version);
        body.put("connectionId", connection.connectionId());
        if (version >= 1) {
            body.put("connectionToken", connection.connectionToken());
        }
        ArrayNode transports = body.putArray("availableTransports");
        for (Transport transport : Transport.values()) {
            if (route.options().transports().contains(transport)) {
                ArrayNode formats = transports.addObject().put("transport", transport.wireName())
                        .putArray("transferFormats");
                transport.transferFormats().forEach(formats::add);
            }
        }
        HttpResponses.json(response, mapper.writeValueAsBytes(body));
    }

    private byte[] error(String message) throws IOException {
        return mapper.writeValueAsBytes(mapper.createObjectNode().put("error", message));
    }
}
