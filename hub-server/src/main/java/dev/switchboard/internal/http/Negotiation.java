package dev.switchboard.internal.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.HubUser;
import dev.switchboard.Transport;
import dev.switchboard.internal.connection.ServerConnection;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The answer to a negotiate that its host has admitted (origin, rate and authentication checked): a new
 * connection and the transports it may use. Versions 0 and 1, as the .NET server answers them; errors are a 200
 * with {@code {"error":...}}, which the clients expect.
 */
public final class Negotiation {

    private static final int MAX_VERSION = 1;

    private Negotiation() {
    }

    /**
     * Makes the connection and its answer.
     *
     * @param requested the {@code negotiateVersion} query parameter, or null
     * @param statefulRequested whether the client asked for stateful reconnect; see {@link #statefulRequested}
     * @param user the request's user, or null for an anonymous one
     * @return the JSON body, or null when no connection can be made (answer 503)
     */
    public static byte[] answer(HubRoute route, ConnectionManager connections, ObjectMapper mapper, String requested,
                                boolean statefulRequested, HubUser user) throws IOException {
        int version;
        try {
            version = requested == null ? 0 : Integer.parseInt(requested.trim());
        } catch (NumberFormatException e) {
            return error(mapper, "The client requested a non-integer protocol version.");
        }
        if (version < 0) {
            return error(mapper, "The client requested version '" + version
                    + "', but the server does not support this version.");
        }
        version = Math.min(version, MAX_VERSION);
        ConnectionManager.Entry entry = connections.create(route, version >= 1);
        if (entry == null) {
            return null;
        }
        ServerConnection connection = entry.connection();
        connection.user(user);
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
        if (statefulRequested && route.options().allowStatefulReconnects() && !route.raw()) {
            // Only when asked: the JavaScript client gives up on a server that offers it unasked.
            connection.offerStatefulReconnect();
            body.put("useStatefulReconnect", true);
        }
        return mapper.writeValueAsBytes(body);
    }

    /**
     * Whether a negotiate's query asks for stateful reconnect: {@code useStatefulReconnect=true}, the name and the
     * value in any case, as the .NET server reads it.
     */
    public static boolean statefulRequested(Map<String, List<String>> query) {
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            if (parameter.getKey().equalsIgnoreCase("useStatefulReconnect")) {
                return parameter.getValue().stream().anyMatch("true"::equalsIgnoreCase);
            }
        }
        return false;
    }

    private static byte[] error(ObjectMapper mapper, String message) throws IOException {
        return mapper.writeValueAsBytes(mapper.createObjectNode().put("error", message));
    }
}
