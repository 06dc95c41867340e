package dev.switchboard.samples.echo;

import dev.switchboard.ConnectionHandler;
import dev.switchboard.RawConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The echo at full strength, as ASP.NET Core's {@code MapConnectionHandler<EchoConnectionHandler>}: like
 * {@link EchoEndpoint} it speaks no hub protocol, but it is reached through negotiate and any of SignalR's
 * transports (WebSockets, Server-Sent Events, long polling), so the official clients' raw {@code HttpConnection}
 * can use it, with the server's limits and lifetime. Text comes back as text and bytes as bytes; a message over
 * {@value #MAX_MESSAGE_BYTES} bytes closes a WebSocket with 1009 and is refused with 413 over HTTP.
 */
public final class EchoConnectionHandler implements ConnectionHandler {

    /** Where the handler is mapped. */
    public static final String PATH = "/connection";
    /** The largest message echoed, in bytes, as for {@link EchoEndpoint}. */
    public static final int MAX_MESSAGE_BYTES = EchoEndpoint.MAX_MESSAGE_BYTES;

    private static final Logger log = LoggerFactory.getLogger(EchoConnectionHandler.class);

    @Override
    public void onConnected(RawConnection connection) {
        log.info("Echo connection {} opened over {}", connection.connectionId(), connection.transport());
        connection.onMessage(connection::send);
        connection.onClose(error -> log.info("Echo connection {} closed{}", connection.connectionId(),
                error == null ? "" : ": " + error.getMessage()));
    }
}
