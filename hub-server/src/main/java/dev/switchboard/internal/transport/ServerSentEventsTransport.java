package dev.switchboard.internal.transport;

import dev.switchboard.Transport;
import dev.switchboard.internal.protocol.Payload;
import dev.switchboard.internal.protocol.TransferFormat;
import java.io.IOException;
import java.util.List;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-Sent Events for one connection: one held response, each payload one event. The client sends
 * with POSTs; it ends the connection by closing its EventSource, which closes the socket.
 */
public final class ServerSentEventsTransport implements TransportSender {

    private static final Attribute<Boolean> STREAMING = Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(
            ServerSentEventsTransport.class.getName() + ".streaming");

    private static final Logger log = LoggerFactory.getLogger(ServerSentEventsTransport.class);

    private final Connection<?> socket;
    private final Response response;
    private final NIOOutputStream out;

    /** A transport for the event stream this request asks for; it starts once attached, with {@link #open}. */
    public ServerSentEventsTransport(Request request, Response response) {
        this.socket = request.getContext().getConnection();
        this.response = response;
        this.out = response.getNIOOutputStream();
    }

    /** Starts the event stream of the connection it is attached to: the response is held open from now on. */
    public void open(TransportListener connection) throws IOException {
        response.setStatus(200);
        response.setContentType(EventStreamFormat.CONTENT_TYPE);
        // X-Accel-Buffering tells nginx not to buffer the stream, whatever its proxy_buffering says.
        EventStreamFormat.HEADERS.forEach(response::setHeader);
        // The first comment goes out at once, on this thread and before any send can, into a fresh response that
        // takes it without waiting.
        response.getOutputStream().write(EventStreamFormat.FIRST_COMMENT);
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
        NonBlockingWrites.write(out, EventStreamFormat.event(Payload.concat(batch).text()), done);
    }

    /** A comment, which no client hands on as a message. */
    @Override
    public void keepAlive(Consumer<Throwable> done) {
        NonBlockingWrites.write(out, EventStreamFormat.FIRST_COMMENT, done);
    }

    /** An event stream has no way to say why beyond the Close event: the socket closes once that is written. */
    @Override
    public void close(String reason) {
        socket.closeSilently();
    }

    /**
     * Completes the response, so that the client reads the end of the stream rather than a cut socket, and closes
     * the socket behind it: its input is dropped from the stream's start, so it can carry no other request.
     */
    @Override
    public void finish() {
        try {
            response.resume();
        } catch (IllegalStateException e) {
            // The client closed at the same moment and Grizzly cancelled the response: the socket closes all the same.
            log.debug("Event stream response was already cancelled: {}", e.toString());
        }
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
    public static final class InputFilter extends BaseFilter {

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
