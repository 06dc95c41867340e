package dev.switchboard.internal.transport;

import dev.switchboard.LogSafe;
import dev.switchboard.Transport;
import dev.switchboard.internal.protocol.Payload;
import dev.switchboard.internal.protocol.ProtocolException;
import dev.switchboard.internal.protocol.TransferFormat;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.EmptyCompletionHandler;
import org.glassfish.grizzly.CompletionHandler;
import org.glassfish.grizzly.asyncqueue.AsyncQueueEnabledTransport;
import org.glassfish.grizzly.asyncqueue.AsyncQueueWriter;
import org.glassfish.grizzly.memory.Buffers;
import org.glassfish.grizzly.memory.MemoryManager;
import org.glassfish.grizzly.ssl.SSLUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket transport of one connection: a Jakarta endpoint that moves frames between the socket and the
 * connection's {@link TransportListener}. Public because Tyrus calls it reflectively. Text and binary frames are
 * both accepted (the Java client sends JSON as binary); sends are asynchronous and never block the
 * caller.
 */
public final class WebSocketTransport extends Endpoint implements TransportSender {

    private static final Logger log = LoggerFactory.getLogger(WebSocketTransport.class);

    private volatile Session session;
    private volatile Connection<?> socket;
    /** Writes past Grizzly's filter chain, whose per-write cost only TLS needs; null for TLS sockets. */
    private volatile AsyncQueueWriter<Object> plainWriter;
    private volatile TransportListener listener;

    /** Opens on what the HTTP layer resolved: see {@link WebSocketOpening}. */
    @Override
    public void onOpen(Session opened, EndpointConfig config) {
        this.session = opened;
        if (!(opened.getUserPrincipal() instanceof WebSocketOpening opening)) {
            // Only the upgrade gate opens hub WebSockets, and it always hands down what it resolved.
            close(CloseReason.CloseCodes.UNEXPECTED_CONDITION.getCode(), "Not opened through the upgrade gate");
            return;
        }
        this.socket = opening.socket();
        this.plainWriter = plainWriter(socket);
        WebSocketOpening.Attachment attached = opening.attach().apply(this);
        if (attached.listener() == null) {
            close(attached.closeCode(), attached.reason());
            return;
        }
        TransportListener found = attached.listener();
        listener = found;
        opened.addMessageHandler(String.class,
                text -> found.receive(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), true));
        opened.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) found::receive);
    }

    @Override
    public void onClose(Session closed, CloseReason reason) {
        TransportListener current = listener;
        if (current == null) {
            return;
        }
        WebSocketFrameGuard guard = guard();
        WebSocketFrameGuard.Failure failure = guard == null ? null : guard.failure();
        if (failure != null) {
            // Tyrus saw only the socket close; the guard knows what the client broke.
            current.transportClosed(new ProtocolException("WebSocket closed with status code " + failure.code()
                    + " (" + failure.reason() + ")"));
            return;
        }
        int code = reason.getCloseCode().getCode();
        boolean clean = code == CloseReason.CloseCodes.NORMAL_CLOSURE.getCode()
                || code == CloseReason.CloseCodes.GOING_AWAY.getCode()
                || guard != null && guard.closedByServer();
        current.transportClosed(clean ? null
                : new IOException("WebSocket closed with status code " + code + " (" + reason.getReasonPhrase() + ")"));
    }

    @Override
    public void onError(Session failed, Throwable error) {
        // Nearly always the client's doing (a bad frame, a message too long, a socket gone): its text, escaped
        // since it may quote the client, and no stack trace.
        log.debug("WebSocket error on {}: {}", listener, LogSafe.escape(error));
    }

    /** The socket under the session, which Grizzly knows it by; null when it was not handed over. */
    Connection<?> socket() {
        return socket;
    }

    /** The guard reading the socket; null before the WebSocket is open or when the socket was not handed over. */
    private WebSocketFrameGuard guard() {
        Connection<?> current = socket;
        return current == null ? null : UpgradedSocketFilter.guard(current);
    }

    @Override
    public Transport type() {
        return Transport.WEB_SOCKETS;
    }

    /**
     * Writes the batch's frames, each framed once per payload, straight to the socket in one gathered write,
     * past Tyrus, whose sends re-encode and frame every message per session. A TLS socket's write goes
     * through the connection's filter chain, as Tyrus's own writer does; a plain one goes to Grizzly's write
     * queue directly. Control frames Tyrus writes (pongs, the close) queue on the same socket.
     */
    @Override
    public void send(List<Payload> batch, TransferFormat format, Consumer<Throwable> done) {
        @SuppressWarnings("unchecked")
        Connection<Object> current = (Connection<Object>) socket;
        if (!current.isOpen()) {
            done.accept(new IOException("The WebSocket is closed"));
            return;
        }
        WebSocketFrameGuard guard = guard();
        if (guard != null && guard.outputClosed()) {
            // Nothing may follow a close frame; the socket closes soon, and the connection with it.
            done.accept(null);
            return;
        }
        UnaryOperator<byte[]> framing = format == TransferFormat.TEXT
                ? WebSocketFrames.TEXT_FRAME : WebSocketFrames.BINARY_FRAME;
        MemoryManager<?> memory = current.getMemoryManager();
        Buffer frames = Buffers.wrap(memory, batch.get(0).framed(framing));
        for (int i = 1; i < batch.size(); i++) {
            frames = Buffers.appendBuffers(memory, frames, Buffers.wrap(memory, batch.get(i).framed(framing)));
        }
        AsyncQueueWriter<Object> writer = plainWriter;
        if (writer != null) {
            writer.write(current, frames, completion(done));
        } else {
            current.write(frames, completion(done));
        }
    }

    @SuppressWarnings("unchecked")
    private static AsyncQueueWriter<Object> plainWriter(Connection<?> socket) {
        if (socket == null || SSLUtils.getSSLEngine(socket) != null
                || !(socket.getTransport() instanceof AsyncQueueEnabledTransport transport)) {
            return null;
        }
        return (AsyncQueueWriter<Object>) transport.getAsyncQueueIO().getWriter();
    }

    /** A write's completion handler, for whichever write result type the writer declares. */
    @SuppressWarnings("unchecked")
    static <R> CompletionHandler<R> completion(Consumer<Throwable> done) {
        return (CompletionHandler<R>) new WriteCompletion(done);
    }

    /** Reports a socket write's outcome to the connection's outgoing queue. */
    private static final class WriteCompletion extends EmptyCompletionHandler<Object> {

        private final Consumer<Throwable> done;

        WriteCompletion(Consumer<Throwable> done) {
            this.done = done;
        }

        @Override
        public void completed(Object result) {
            done.accept(null);
        }

        @Override
        public void failed(Throwable failure) {
            done.accept(failure);
        }

        @Override
        public void cancelled() {
            done.accept(new IOException("The write was cancelled"));
        }
    }

    @Override
    public void abort() {
        Connection<?> current = socket;
        if (current != null) {
            current.terminateSilently();
        } else {
            close(CloseReason.CloseCodes.GOING_AWAY.getCode(), "");
        }
    }

    /** A close frame with 1008 (policy violation) and the reason; Tyrus queues it behind our writes. */
    @Override
    public void close(String reason) {
        WebSocketFrameGuard guard = guard();
        if (guard != null) {
            guard.closedByTyrus();
        }
        close(CloseReason.CloseCodes.VIOLATED_POLICY.getCode(), reason);
    }

    /**
     * The server's close frame (1000, as ASP.NET Core sends once the connection is done), straight to the socket
     * behind the last message; the client's close frame then ends the socket. Nothing when the client closed
     * first: Tyrus answers that itself.
     */
    @Override
    public void startClosingHandshake() {
        WebSocketFrameGuard guard = guard();
        if (guard != null) {
            guard.sendClose(CloseReason.CloseCodes.NORMAL_CLOSURE.getCode(), "");
        } else {
            close(CloseReason.CloseCodes.NORMAL_CLOSURE.getCode(), "");
        }
    }

    private void close(int code, String reason) {
        Session current = session;
        if (current == null || !current.isOpen()) {
            return;
        }
        try {
            current.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
        } catch (IOException | RuntimeException e) {
            log.debug("Closing WebSocket of {} failed", listener, e);
        }
    }
}
