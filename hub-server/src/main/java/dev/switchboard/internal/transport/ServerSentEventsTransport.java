package dev.switchboard.internal.transport;

import dev.switchboard.Transport;
import dev.switchboard.internal.connection.HubConnectionContext;
import dev.switchboard.internal.connection.TransportSender;
import dev.switchboard.internal.protocol.Payload;
import java.util.List;
import dev.switchboard.internal.protocol.TransferFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.IOEvent;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.io.NIOOutputStream;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * Server-Sent Events for one connection: one held response, each payload one event. The client sends
 * with POSTs; it ends the connection by closing its EventSource, which closes the socket.
 */
final class ServerSentEventsTransport implements TransportSender {

    private static final byte[] FIRST_COMMENT = ":\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final Attribute<Boolean> STREAMING = Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(
            ServerSentEventsTransport.class.getName() + ".streaming");

    private final Connection<?> socket;
    private final NIOOutputStream out;

    private ServerSentEventsTransport(Response response, Connection<?> socket) {
        this.socket = socket;
        this.out = response.getNIOOutputStream();
    }

    /**
     * Opens the event stream of {@code connection} on this request; answers 503 when the connection's hold on
     * its slot has run out and none is free, and 409, 400 or 404 when it is no longer waiting for a transport.
     */
    static void open(ConnectionManager connections, HubConnectionContext connection, Request request, Response response)
            throws IOException {
        response.setStatus(200);
        response.setContentType("text/event-stream");
        response.setHeader("Cache-Control", "no-cache, no-store");
        response.setHeader("Pragma", "no-cache");
        response.setHeader("Content-Encoding", "identity");
        // Tells nginx not to buffer the stream, whatever its proxy_buffering says.
        response.setHeader("X-Accel-Buffering", "no");
        Connection<?> socket = request.getContext().getConnection();
        ServerSentEventsTransport transport = new ServerSentEventsTransport(response, socket);
        ConnectionManager.TakeUp takeUp = connections.attach(connection, transport,
                HttpRequests.toConnectionRequest(request));
        if (takeUp == ConnectionManager.TakeUp.FULL) {
            HttpResponses.full(response, connections);
            return;
        }
        if (takeUp == ConnectionManager.TakeUp.UNAVAILABLE) {
            // Another request took the connection first.
            TransportSender taken = connection.transportSender();
            if (taken instanceof ServerSentEventsTransport) {
                HttpResponses.text(response, 409, "An event stream is already open for this connection.");
            } else if (taken != null) {
                HttpResponses.text(response, 400, "Cannot change transports mid-connection");
            } else {
                HttpResponses.text(response, 404, "No Connection with that ID");
            }
            return;
        }
        // Some browsers fire EventSource's open only once data arrives: a comment goes out at once, on this
        // thread and before any send can, into a fresh response that takes it without waiting.
        response.getOutputStream().write(FIRST_COMMENT);
        response.getOutputStream().flush();
        response.suspend();
        socket.addCloseListener((closed, type) -> connection.transportClosed(null));
        // Grizzly stops reading a socket while its request is suspended, so the client's close would be seen only
        // when a write failed, a keep-alive or more later. Reading on sees it at once, as end of input or a reset;
        // the InputFilter drops whatever else arrives.
        STREAMING.set(socket, Boolean.TRUE);
        socket.enableIOEvent(IOEvent.READ);
    }

    @Override
    public Transport type() {
        return Transport.SERVER_SENT_EVENTS;
    }

    /** The connection's outgoing queue has at most one send in flight, so writes never overlap. */
    @Override
    public void send(List<Payload> batch, TransferFormat format, Consumer<Throwable> done) {
        NonBlockingWrites.write(out, event(Payload.concat(batch).text()), done);
    }

    /** {@code data: } lines for the payload, a CR before each LF dropped, ended by a blank line. */
    static byte[] event(String payload) {
        StringBuilder event = new StringBuilder(payload.length() + 16);
        for (String line : payload.split("\r?\n", -1)) {
            event.append("data: ").append(line).append("\r\n");
        }
        return event.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** An event stream has no way to say why beyond the Close event: the socket closes once that is written. */
    @Override
    public void close(String reason) {
        socket.closeSilently();
    }

    @Override
    public void abort() {
        socket.terminateSilently();
    }

    /**
     * Drops the bytes that arrive on an event stream's socket, before Grizzly's HTTP codec: the client has nothing
     * to say there, and the codec would hand them to the held request, which never reads them.
     */
    static final class InputFilter extends BaseFilter {

        @Override
        public NextAction handleRead(FilterChainContext ctx) {
            if (STREAMING.get(ctx.getConnection()) == null) {
                return ctx.getInvokeAction();
            }
            ctx.<Buffer>getMessage().tryDispose();
            return ctx.getStopAction();
        }
    }
}
