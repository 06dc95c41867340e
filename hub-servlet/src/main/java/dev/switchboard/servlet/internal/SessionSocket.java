package dev.switchboard.servlet.internal;

import dev.switchboard.spi.host.HostSocket;
import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link HostSocket} over a container's {@link Session}: sends through its asynchronous remote, one at a time as
 * the hub host promises. The close handshake and abort run off the caller's thread, since a container's
 * {@code Session.close} may wait for a client that no longer reads.
 */
final class SessionSocket implements HostSocket {

    private static final Logger log = LoggerFactory.getLogger(SessionSocket.class);

    private final Session session;

    SessionSocket(Session session) {
        this.session = session;
    }

    @Override
    public void sendText(String text, Consumer<Throwable> done) {
        try {
            session.getAsyncRemote().sendText(text, handler(done));
        } catch (RuntimeException e) {
            done.accept(e);
        }
    }

    @Override
    public void sendBinary(ByteBuffer bytes, Consumer<Throwable> done) {
        try {
            session.getAsyncRemote().sendBinary(bytes, handler(done));
        } catch (RuntimeException e) {
            done.accept(e);
        }
    }

    private static SendHandler handler(Consumer<Throwable> done) {
        return result -> done.accept(result.isOK() ? null : result.getException());
    }

    @Override
    public void close(int code, String reason) {
        Closer.run(() -> {
            try {
                session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
            } catch (IOException | RuntimeException e) {
                log.debug("Closing WebSocket {} failed: {}", session.getId(), e.toString());
            }
        });
    }

    @Override
    public void abort() {
        Closer.run(() -> {
            try {
                // Jetty's session has abort(): the socket dropped without a handshake.
                Method abort = session.getClass().getMethod("abort");
                abort.invoke(session);
                return;
            } catch (ReflectiveOperationException | RuntimeException | LinkageError notThere) {
                // Tomcat's has none, but doClose(local, remote, true) closes the socket without waiting.
            }
            try {
                CloseReason reason = new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "Dropped: not reading");
                session.getClass().getMethod("doClose", CloseReason.class, CloseReason.class, boolean.class)
                        .invoke(session, reason, reason, true);
                return;
            } catch (ReflectiveOperationException | RuntimeException | LinkageError notThere) {
                // Elsewhere a close with "going away" is next best, cut by the container's send timeout.
            }
            try {
                session.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "Dropped: not reading"));
            } catch (IOException | RuntimeException e) {
                log.debug("Aborting WebSocket {} failed: {}", session.getId(), e.toString());
            }
        });
    }
}
