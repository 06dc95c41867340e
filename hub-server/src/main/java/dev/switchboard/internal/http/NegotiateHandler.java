package dev.switchboard.internal.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.internal.auth.AuthenticationResult;
import java.io.IOException;
import java.util.List;
import java.util.Map;
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
        Map<String, List<String>> query = QueryString.parse(request.getQueryString());
        byte[] body = Negotiation.answer(route, connections, mapper, QueryString.first(query, "negotiateVersion"),
                Negotiation.statefulRequested(query), allowed.user());
        if (body == null) {
            HttpResponses.full(response, connections);
        } else {
            HttpResponses.json(response, body);
        }
    }
}
