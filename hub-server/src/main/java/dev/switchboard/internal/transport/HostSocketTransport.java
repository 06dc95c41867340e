package dev.switchboard.internal.transport;

import dev.switchboard.Transport;
import dev.switchboard.internal.protocol.Payload;
import dev.switchboard.internal.protocol.TransferFormat;
import dev.switchboard.spi.host.HostSocket;
import dev.switchboard.spi.host.HostSocketListener;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Consumer;

/**
 * The WebSocket transport on a host other than the embedded server: what queued goes out as one message through
 * the host's asynchronous send, since a host's socket takes one send at a time. Slower per message than the
 * embedded server's, which frames once for every connection and writes past the WebSocket library; the price of
 * running in any container.
 */
public final class HostSocketTransport implements TransportSender, HostSocketListener {

    /** WebSocket close codes: normal, and policy violation, as the embedded server's transport sends them. */
    private static final int NORMAL = 1000;
    private static final int POLICY = 1008;

    private final HostSocket socket;
    private volatile TransportListener listener;

    public HostSocketTransport(HostSocket socket) {
        this.socket = socket;
    }

    /** Feeds what the socket receives to {@code connection} from now on. */
    public void listen(TransportListener connection) {
        this.listener = connection;
    }

    @Override
    public Transport type() {
        return Transport.WEB_SOCKETS;
    }

    /**
     * One message for the whole batch: SignalR's records carry their own framing (JSON's record separator), so a
     * message may hold several, and the host pays its per-send cost once for what queued behind a slow send.
     */
    @Override
    public void send(List<Payload> batch, TransferFormat format, Consumer<Throwable> done) {
        Payload payload = Payload.concat(batch);
        if (format == TransferFormat.TEXT) {
            socket.sendText(payload.text(), done);
        } else {
            socket.sendBinary(ByteBuffer.wrap(payload.bytes()), done);
        }
    }

    @Override
    public void abort() {
        socket.abort();
    }

    @Override
    public void close(String reason) {
        socket.close(POLICY, reason);
    }

    @Override
    public void startClosingHandshake() {
        socket.close(NORMAL, "");
    }

    @Override
    public void onMessage(ByteBuffer message) {
        onMessage(message, false);
    }

    @Override
    public void onMessage(ByteBuffer message, boolean text) {
        TransportListener current = listener;
        if (current != null) {
            current.receive(message, text);
        }
    }

    @Override
    public void onClose(Throwable error) {
        TransportListener current = listener;
        if (current != null) {
            current.transportClosed(error);
        }
    }
}
