package dev.switchboard.internal.hosting;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.ConnectionRequest;
import dev.switchboard.LogSafe;
import dev.switchboard.Transport;
import dev.switchboard.internal.auth.AuthenticationResult;
import dev.switchboard.internal.auth.HubAuthentication;
import dev.switchboard.internal.connection.ConnectionState;
import dev.switchboard.internal.connection.ServerConnection;
import dev.switchboard.internal.http.ConnectionManager;
import dev.switchboard.internal.http.HttpResponses;
import dev.switchboard.internal.http.HubRoute;
import dev.switchboard.internal.http.Negotiation;
import dev.switchboard.internal.transport.ExchangeEventStream;
import dev.switchboard.internal.transport.ExchangePoll;
import dev.switchboard.internal.transport.LongPollingTransport;
import dev.switchboard.spi.host.HostExchange;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plain HTTP requests of one hub on another host, with the embedded server's rules and statuses: negotiate,
 * then a GET that opens an event stream or long polling (and, once long polling carries the connection, each
 * poll), the client's POSTs, and the DELETE that ends a long polling connection. The origin is checked before.
 */
final class HostedRequests {

    private static final Logger log = LoggerFactory.getLogger(HostedRequests.class);
    private static final String TEXT = "text/plain; charset=utf-8";

    private final HubRoute route;
    private final ConnectionManager connections;
    private final ObjectMapper mapper;
    private final int maxBody;

    HostedRequests(HubRoute route, ConnectionManager connections, ObjectMapper mapper) {
        this.route = route;
        this.connections = connections;
        this.mapper = mapper;
        this.maxBody = route.maxPostBody();
    }

    /** {@code POST {hub}/negotiate}: rate, authentication, then a new connection. */
    void negotiate(HostExchange exchange) {
        if (!"POST".equals(exchange.method())) {
            exchange.setHeader("Allow", "POST");
            text(exchange, 405, "Negotiate takes POST requests only.");
            return;
        }
        long retryAfter = connections.negotiateRate().retryAfterSeconds(peer(exchange.request()), System.nanoTime());
        if (retryAfter > 0) {
            exchange.setHeader("Retry-After", Long.toString(retryAfter));
            text(exchange, 429, HttpResponses.TOO_MANY_NEGOTIATES);
            return;
        }
        AuthenticationResult.Allowed allowed = authenticate(exchange);
        if (allowed == null) {
            return;
        }
        byte[] body;
        try {
            ConnectionRequest request = exchange.request();
            body = Negotiation.answer(route, connections, mapper, request.queryParameter("negotiateVersion"),
                    Negotiation.statefulRequested(request.queryParameters()), allowed.user());
        } catch (IOException e) {
            log.error("Negotiate failed", e);
            text(exchange, 500, "Negotiate failed.");
            return;
        }
        if (body == null) {
            full(exchange);
        } else {
            exchange.setHeader("Cache-Control", "no-cache, no-store");
            exchange.respond(200, "application/json", body, failure -> { });
        }
    }

    /** A GET, POST or DELETE to the hub's path, for a connection named by its {@code id}. */
    void connection(HostExchange exchange) {
        String method = exchange.method();
        if (!"GET".equals(method) && !"POST".equals(method) && !"DELETE".equals(method)) {
            exchange.setHeader("Allow", "GET, POST, DELETE");
            text(exchange, 405, "Method not allowed.");
            return;
        }
        AuthenticationResult.Allowed allowed = authenticate(exchange);
        if (allowed == null) {
            return;
        }
        String token = exchange.request().queryParameter("id");
        if (token == null || token.isEmpty()) {
            text(exchange, 400, "Connection ID required");
            return;
        }
        ConnectionManager.Entry entry = connections.find(route, token);
        ServerConnection connection = entry == null ? null : entry.connection();
        if (connection == null || connection.state() == ConnectionState.CLOSED) {
            // A connection found closed is ending at this moment: for a poll, it has ended recently too.
            if ("GET".equals(method) && (connection != null || connections.endedRecently(route, token))) {
                exchange.respond(204, null, new byte[0], failure -> { });
                return;
            }
            text(exchange, 404, "No Connection with that ID");
            return;
        }
        AuthenticationResult.Refused otherUser = HubAuthentication.checkSameUser(connection.user(),
                allowed.user());
        if (otherUser != null) {
            refuse(exchange, otherUser);
        } else if ("GET".equals(method)) {
            get(entry, exchange);
        } else if ("POST".equals(method)) {
            post(entry, exchange);
        } else {
            delete(entry, exchange);
        }
    }

    private void get(ConnectionManager.Entry entry, HostExchange exchange) {
        String accept = exchange.request().header("Accept");
        boolean eventStream = accept != null && accept.contains("text/event-stream");
        Transport current = entry.transport();
        LongPollingTransport polling = entry.polling();
        if (current == null) {
            start(eventStream ? Transport.SERVER_SENT_EVENTS : Transport.LONG_POLLING, entry, exchange);
        } else if (polling != null && !eventStream) {
            polling.poll(new ExchangePoll(exchange));
        } else if (current == Transport.SERVER_SENT_EVENTS && eventStream) {
            text(exchange, 409, "An event stream is already open for this connection.");
        } else {
            text(exchange, 400, "Cannot change transports mid-connection");
        }
    }

    private void start(Transport wanted, ConnectionManager.Entry entry, HostExchange exchange) {
        if (!route.options().transports().contains(wanted)) {
            text(exchange, 404, wanted.wireName() + " is not enabled for this hub.");
            return;
        }
        ConnectionRequest request = exchange.request();
        if (wanted == Transport.SERVER_SENT_EVENTS) {
            ExchangeEventStream stream = new ExchangeEventStream(exchange);
            switch (connections.attach(entry, stream, request)) {
                case ATTACHED -> stream.open(entry.connection());
                case FULL -> full(exchange);
                case UNAVAILABLE -> taken(entry, exchange);
            }
            return;
        }
        LongPollingTransport polling = new LongPollingTransport(entry.connection(),
                route.options().longPollingPollTimeout(), route.options().disconnectTimeout());
        switch (connections.attach(entry, polling, request)) {
            case ATTACHED -> ExchangePoll.answerFirst(exchange);
            case FULL -> full(exchange);
            case UNAVAILABLE -> text(exchange, 400, "Cannot change transports mid-connection");
        }
    }

    /** Another request took the connection first. */
    private static void taken(ConnectionManager.Entry entry, HostExchange exchange) {
        Transport taken = entry.transport();
        if (taken == Transport.SERVER_SENT_EVENTS) {
            text(exchange, 409, "An event stream is already open for this connection.");
        } else if (taken != null) {
            text(exchange, 400, "Cannot change transports mid-connection");
        } else {
            text(exchange, 404, "No Connection with that ID");
        }
    }

    private void post(ConnectionManager.Entry entry, HostExchange exchange) {
        Transport current = entry.transport();
        if (current == Transport.WEB_SOCKETS) {
            text(exchange, 405, "POST requests are not allowed for WebSocket connections.");
            return;
        }
        if (current == null) {
            text(exchange, 400, "The connection has no transport yet: open it with a GET first.");
            return;
        }
        exchange.readBody(maxBody, new HostExchange.BodyReader() {
            @Override
            public void body(byte[] bytes) {
                String type = exchange.request().header("Content-Type");
                entry.connection().receive(ByteBuffer.wrap(bytes),
                        type != null && type.regionMatches(true, 0, "text/", 0, 5));
                exchange.respond(200, null, new byte[0], failure -> { });
            }

            @Override
            public void tooLarge() {
                text(exchange, 413, "A POST carries at most " + maxBody + " bytes.");
            }

            @Override
            public void failed(Throwable error) {
                log.debug("A POST body could not be read: {}", LogSafe.escape(error));
                text(exchange, 400, "The request body could not be read.");
            }
        });
    }

    private static void delete(ConnectionManager.Entry entry, HostExchange exchange) {
        LongPollingTransport polling = entry.polling();
        if (polling != null) {
            polling.delete();
            exchange.respond(202, null, new byte[0], failure -> { });
        } else {
            text(exchange, 400, "Cannot terminate this connection using the DELETE endpoint.");
        }
    }

    /** Authenticates the request; when it is refused, answers it and returns null. */
    private AuthenticationResult.Allowed authenticate(HostExchange exchange) {
        HubAuthentication authentication = route.authentication();
        if (!authentication.enabled()) {
            return new AuthenticationResult.Allowed(null);
        }
        AuthenticationResult result = authentication.authenticate(exchange.request());
        if (result instanceof AuthenticationResult.Refused refused) {
            refuse(exchange, refused);
            return null;
        }
        return (AuthenticationResult.Allowed) result;
    }

    /**
     * Answers a refusal with its reason as the body: for 401 and 403 the reason phrase, which the official clients
     * then report as they report ASP.NET Core's empty answer, also behind a container that sends no reason phrase
     * (Tomcat).
     */
    private static void refuse(HostExchange exchange, AuthenticationResult.Refused refused) {
        if (refused.challenge() != null) {
            exchange.setHeader("WWW-Authenticate", refused.challenge());
        }
        text(exchange, refused.status(), refused.reason());
    }

    private void full(HostExchange exchange) {
        exchange.setHeader("Retry-After", HttpResponses.RETRY_AFTER_SECONDS);
        text(exchange, 503, HttpResponses.fullReason(connections));
    }

    static void text(HostExchange exchange, int status, String body) {
        exchange.setHeader("Cache-Control", "no-cache, no-store");
        exchange.respond(status, TEXT, body.getBytes(StandardCharsets.UTF_8), failure -> { });
    }

    /** The client's address as the negotiate rate limit keys it; an IP literal is parsed, never looked up. */
    private static InetSocketAddress peer(ConnectionRequest request) {
        String address = request.remoteAddress();
        // Only IPv4 (digits and dots) or IPv6 (a colon, which no host name has): never a name to resolve.
        if (address == null || !(address.matches("[0-9.]+") || address.contains(":"))) {
            return null;
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(address), 0);
        } catch (UnknownHostException | IllegalArgumentException e) {
            return null;
        }
    }
}
