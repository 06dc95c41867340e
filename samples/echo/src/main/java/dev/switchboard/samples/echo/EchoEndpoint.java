package dev.switchboard.samples.echo;

import dev.switchboard.LogSafe;
import jakarta.websocket.CloseReason;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The low-level path, as in ASP.NET Core's echo sample: a plain Jakarta WebSocket endpoint at
 * {@code /echo}, no hub and no SignalR protocol, that sends each text message back as it came. Tyrus
 * creates one instance per socket.
 *
 * <p>A text message over {@value #MAX_MESSAGE_BYTES} bytes closes the socket with 1009 (too big), and a
 * binary one with 1003 (cannot accept).
 */
@ServerEndpoint(EchoEndpoint.PATH)
public class EchoEndpoint {

    /** Where the endpoint listens. */
    public static final String PATH = "/echo";
    /** The largest text message echoed, in bytes: ample for typing, and little for the server to hold. */
    public static final int MAX_MESSAGE_BYTES = 16 * 1024;

    private static final Logger log = LoggerFactory.getLogger(EchoEndpoint.class);

    @OnOpen
    public void open(Session session) {
        log.info("Echo socket {} opened", session.getId());
    }

    /** Tyrus sends the returned text back to the peer. */
    @OnMessage(maxMessageSize = MAX_MESSAGE_BYTES)
    public String echo(String message) {
        return message;
    }

    /** Without this handler Tyrus would report the message as an error and leave the socket open. */
    @OnMessage(maxMessageSize = MAX_MESSAGE_BYTES)
    public void refuseBinary(ByteBuffer message, Session session) throws IOException {
        session.close(new CloseReason(CloseReason.CloseCodes.CANNOT_ACCEPT, "Only text messages are echoed"));
    }

    @OnClose
    public void close(Session session, CloseReason reason) {
        log.info("Echo socket {} closed: {} {}", session.getId(), reason.getCloseCode().getCode(),
                LogSafe.escape(reason.getReasonPhrase()));
    }

    @OnError
    public void error(Session session, Throwable error) {
        log.warn("Echo socket {} failed: {}", session.getId(), LogSafe.escape(error));
    }
}
