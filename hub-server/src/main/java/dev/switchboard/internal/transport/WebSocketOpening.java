package dev.switchboard.internal.transport;

import java.security.Principal;
import java.util.function.Function;
import org.glassfish.grizzly.Connection;

/**
 * What the HTTP layer resolved for a hub WebSocket it lets Tyrus open, handed to the {@link WebSocketTransport}
 * as the upgrade request's principal: Tyrus builds the endpoint itself and gives it nothing of the upgrade but
 * what its session keeps of the request, and the principal is the one such value the HTTP layer sets per request.
 *
 * @param socket the socket under the WebSocket, which the transport writes to and drops directly; null when the
 *        HTTP layer could not hand it over
 * @param attach gives the connection its transport: the connection's listener, or why the WebSocket must close
 * @param name the authenticated user's name, or null for an anonymous one, as {@link #getName()} answers
 */
public record WebSocketOpening(Connection<?> socket, Function<TransportSender, Attachment> attach, String name)
        implements Principal {

    @Override
    public String getName() {
        return name;
    }

    /**
     * What came of attaching: the connection to feed, or the close code and reason the WebSocket ends with.
     *
     * @param listener the connection, or null when refused
     * @param closeCode the WebSocket close code when refused
     * @param reason the close reason when refused
     */
    public record Attachment(TransportListener listener, int closeCode, String reason) {

        /** {@return an attachment to {@code listener}} */
        public static Attachment to(TransportListener listener) {
            return new Attachment(listener, 0, null);
        }

        /** {@return a refusal with this close code and reason} */
        public static Attachment refused(int closeCode, String reason) {
            return new Attachment(null, closeCode, reason);
        }
    }
}
