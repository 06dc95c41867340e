package dev.switchboard.internal.http;

import dev.switchboard.HubOptions;
import dev.switchboard.Transport;
import dev.switchboard.internal.auth.AuthenticationResult;
import dev.switchboard.internal.connection.ConnectionState;
import dev.switchboard.internal.connection.ServerConnection;
import dev.switchboard.internal.transport.GrizzlyPoll;
import dev.switchboard.internal.transport.LongPollingTransport;
import dev.switchboard.internal.transport.ServerSentEventsTransport;
import java.io.IOException;
import org.glassfish.grizzly.http.Method;
import org.glassfish.grizzly.http.server.HttpHandler;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * Plain HTTP requests to {@code {hub}} (WebSocket upgrades never reach here): a GET with
 * {@code Accept: text/event-stream} opens Server-Sent Events, any other GET is a long poll, a POST carries
 * records from the client, a DELETE ends a long polling connection. Misuse gets SignalR's statuses. Foreign
 * origins are answered first, by {@link CrossOrigin}. Each request is authenticated, and must be made by the user
 * who started the connection.
 */
final class HubHttpHandler extends HttpHandler {

    private final HubRoute route;
    private final ConnectionManager connections;
    private final int maxBody;
    private final OriginPolicy origins;

    HubHttpHandler(HubRoute route, ConnectionManager connections, OriginPolicy origins) {
        this.route = route;
        this.connections = connections;
        this.origins = origins;
        this.maxBody = route.maxPostBody();
    }

    @Override
    public void service(Request request, Response response) throws IOException {
        if (!CrossOrigin.admit(origins, request, response)) {
            return;
        }
        Method method = request.getMethod();
        if (method != Method.GET && method != Method.POST && method != Method.DELETE) {
            response.setHeader("Allow", "GET, POST, DELETE");
            HttpResponses.text(response, 405, "Method not allowed.");
            return;
        }
        AuthenticationResult.Allowed allowed = RequestAuthentication.check(route, request, response);
        if (allowed == null) {
            return;
        }
        String token = QueryString.first(QueryString.parse(request.getQueryString()), "id");
        if (token == null || token.isEmpty()) {
            HttpResponses.text(response, 400, "Connection ID required");
            return;
        }
        ConnectionManager.Entry entry = connections.find(route, token);
        ServerConnection connection = entry == null ? null : entry.connection();
        if (connection == null || connection.state() == ConnectionState.CLOSED) {
            // A connection found closed is ending at this moment: for a poll, it has ended recently too.
            if (method == Method.GET && (connection != null || connections.endedRecently(route, token))) {
                response.setStatus(204);
                return;
            }
            HttpResponses.text(response, 404, "No Connection with that ID");
            return;
        }
        if (!RequestAuthentication.sameUser(connection, allowed, response)) {
            return;
        }
        if (method == Method.GET) {
            get(entry, request, response);
        } else if (method == Method.POST) {
            post(entry, request, response);
        } else {
            delete(entry, response);
        }
    }

    /** Opens the transport a GET asks for, or, once long polling carries the connection, is a poll. */
    private void get(ConnectionManager.Entry entry, Request request, Response response) throws IOException {
        String accept = request.getHeader("Accept");
        boolean eventStream = accept != null && accept.contains("text/event-stream");
        Transport wanted = eventStream ? Transport.SERVER_SENT_EVENTS : Transport.LONG_POLLING;
        Transport current = entry.transport();
        LongPollingTransport polling = entry.polling();
        if (current == null) {
            start(wanted, entry, request, response);
        } else if (polling != null && !eventStream) {
            polling.poll(new GrizzlyPoll(response));
        } else if (current == Transport.SERVER_SENT_EVENTS && eventStream) {
            HttpResponses.text(response, 409, "An event stream is already open for this connection.");
        } else {
            HttpResponses.text(response, 400, "Cannot change transports mid-connection");
        }
    }

    private void start(Transport wanted, ConnectionManager.Entry entry, Request request, Response response)
            throws IOException {
        HubOptions options = route.options();
        if (!options.transports().contains(wanted)) {
            HttpResponses.text(response, 404, wanted.wireName() + " is not enabled for this hub.");
            return;
        }
        if (wanted == Transport.SERVER_SENT_EVENTS) {
            startEventStream(entry, request, response);
            return;
        }
        LongPollingTransport polling = new LongPollingTransport(entry.connection(), options.longPollingPollTimeout(),
                options.disconnectTimeout());
        switch (connections.attach(entry, polling, HttpRequests.toConnectionRequest(request))) {
            case ATTACHED -> GrizzlyPoll.answerFirst(response);
            case FULL -> HttpResponses.full(response, connections);
            case UNAVAILABLE -> HttpResponses.text(response, 400, "Cannot change transports mid-connection");
        }
    }

    /**
     * Opens the event stream on this request; answers 503 when the connection's hold on its slot has run out and
     * none is free, and 409, 400 or 404 when it is no longer waiting for a transport.
     */
    private void startEventStream(ConnectionManager.Entry entry, Request request, Response response)
            throws IOException {
        ServerSentEventsTransport transport = new ServerSentEventsTransport(request, response);
        switch (connections.attach(entry, transport, HttpRequests.toConnectionRequest(request))) {
            case ATTACHED -> transport.open(entry.connection());
            case FULL -> HttpResponses.full(response, connections);
            // Another request took the connection first.
            case UNAVAILABLE -> {
                Transport taken = entry.transport();
                if (taken == Transport.SERVER_SENT_EVENTS) {
                    HttpResponses.text(response, 409, "An event stream is already open for this connection.");
                } else if (taken != null) {
                    HttpResponses.text(response, 400, "Cannot change transports mid-connection");
                } else {
                    HttpResponses.text(response, 404, "No Connection with that ID");
                }
            }
        }
    }

    private void post(ConnectionManager.Entry entry, Request request, Response response) throws IOException {
        Transport current = entry.transport();
        if (current == Transport.WEB_SOCKETS) {
            HttpResponses.text(response, 405, "POST requests are not allowed for WebSocket connections.");
            return;
        }
        if (current == null) {
            HttpResponses.text(response, 400, "The connection has no transport yet: open it with a GET first.");
            return;
        }
        PostBodyReader.read(entry.connection(), request, response, maxBody);
    }

    private static void delete(ConnectionManager.Entry entry, Response response) throws IOException {
        LongPollingTransport polling = entry.polling();
        if (polling != null) {
            polling.delete();
            response.setStatus(202);
            response.setContentLength(0);
        } else {
            HttpResponses.text(response, 400, "Cannot terminate this connection using the DELETE endpoint.");
        }
    }
}
