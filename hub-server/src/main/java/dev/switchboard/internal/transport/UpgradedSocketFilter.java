package dev.switchboard.internal.transport;

import java.nio.ByteBuffer;
import java.util.concurrent.ScheduledExecutorService;
import org.glassfish.grizzly.Buffer;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.Grizzly;
import org.glassfish.grizzly.attributes.Attribute;
import org.glassfish.grizzly.filterchain.BaseFilter;
import org.glassfish.grizzly.filterchain.FilterChainContext;
import org.glassfish.grizzly.filterchain.NextAction;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.memory.ByteBufferArray;
import org.glassfish.tyrus.spi.ReadHandler;

/**
 * Hands the bytes of a socket that Tyrus has upgraded straight to its WebSocket, past Grizzly's HTTP codec,
 * through the socket's {@link WebSocketFrameGuard}.
 *
 * <p>Grizzly reads an upgraded socket's bytes as the endless body of its upgrade request, so the codec keeps
 * that request (its header fields, parsing state and header buffer, about 11 KB) for as long as the socket is
 * open, and every frame passes through the HTTP filters on its way to Tyrus. Placed before the codec, this
 * filter takes over once the WebSocket is open, and the codec lets the request go: an idle WebSocket then holds
 * little more than Tyrus's session.
 */
public final class UpgradedSocketFilter extends BaseFilter {

    private static final Attribute<WebSocketFrameGuard> GUARD = Grizzly.DEFAULT_ATTRIBUTE_BUILDER.createAttribute(
            UpgradedSocketFilter.class.getName() + ".guard");

    /**
     * From now on the bytes of {@code socket} go through a {@link WebSocketFrameGuard} bounding its messages to
     * {@code maxMessageSize} and {@code framing} bytes to {@code reader}, and Grizzly forgets its upgrade request.
     * Called while Tyrus opens the WebSocket, on the thread reading the upgrade request: the codec is done with
     * the request by then, and no later read of the socket has started.
     *
     * @param closeTimer bounds how long the close frame of a WebSocket failed for bad frames may take
     */
    public static void attach(Connection<?> socket, int maxMessageSize, int framing,
                              ScheduledExecutorService closeTimer, ReadHandler reader) {
        WebSocketFrameGuard guard = new WebSocketFrameGuard(socket, maxMessageSize, framing, closeTimer);
        guard.passTo(reader);
        GUARD.set(socket, guard);
        socket.getAttributes().removeAttribute(HttpServerFilter.HTTP_SERVER_REQUEST_ATTR_NAME);
    }

    /** The guard reading {@code socket}; null until its WebSocket is open. */
    static WebSocketFrameGuard guard(Connection<?> socket) {
        return GUARD.get(socket);
    }

    @Override
    public NextAction handleRead(FilterChainContext ctx) {
        WebSocketFrameGuard guard = GUARD.get(ctx.getConnection());
        if (guard == null) {
            return ctx.getInvokeAction();
        }
        Buffer input = ctx.getMessage();
        if (input.isComposite()) {
            ByteBufferArray parts = input.toByteBufferArray();
            ByteBuffer[] array = parts.getArray();
            for (int i = 0; i < parts.size(); i++) {
                guard.read(array[i]);
            }
            parts.recycle();
        } else if (input.hasRemaining()) {
            guard.read(input.toByteBuffer());
        }
        return ctx.getStopAction();
    }
}
