package dev.switchboard.spi.host;

import java.util.Map;

/** What a {@link HubHost} decided of a WebSocket upgrade. */
public sealed interface Upgrade {

    /**
     * The upgrade is refused: the host answers it with this status and reason, and opens nothing.
     *
     * @param status the HTTP status, such as 404 or 503
     * @param reason a line of plain text for the body
     * @param headers header fields to send with it, such as {@code WWW-Authenticate}
     */
    record Refused(int status, String reason, Map<String, String> headers) implements Upgrade {

        /**
         * Keeps an unmodifiable copy of the headers.
         *
         * @param status the HTTP status
         * @param reason a line of plain text for the body
         * @param headers header fields to send with it
         */
        public Refused {
            headers = Map.copyOf(headers);
        }
    }

    /**
     * The upgrade may go ahead; the host calls {@link #open} once the socket is open. Nothing is held for it until
     * then, so a host whose upgrade fails after this has nothing to give back: a negotiated connection keeps
     * waiting for a transport (and expires if none comes), and one that skipped negotiate is made only at
     * {@link #open}.
     */
    non-sealed interface Admitted extends Upgrade {

        /** {@return header fields to send with the 101 answer, such as CORS's} */
        Map<String, String> headers();

        /**
         * The socket is open: the connection takes it up.
         *
         * @param socket the socket, for the hub host to write to
         * @return what the host tells of the socket's messages and end; if the connection could no longer take
         *         the socket, it has already been closed with a reason
         */
        HostSocketListener open(HostSocket socket);
    }
}
