package dev.switchboard.internal.transport;

import java.nio.ByteBuffer;

/**
 * What a transport tells the connection it carries, and all it knows of it: bytes came, or the transport
 * ended. With {@link TransportSender} for the other direction, this is the whole boundary between the
 * transports, which move bytes, and the connection, which knows hubs (as Vert.x's SockJS {@code TransportListener}
 * and ASP.NET Core's duplex pipe are).
 */
public interface TransportListener {

    /** Bytes from the client: one transport unit, holding whole records or the start of one. */
    void receive(ByteBuffer data);

    /**
     * As {@link #receive(ByteBuffer)}, saying whether the unit came as text: a WebSocket text message, or a POST
     * whose {@code Content-Type} is {@code text/*}. For listeners that tell text from bytes; others ignore it.
     */
    default void receive(ByteBuffer data, boolean text) {
        receive(data);
    }

    /**
     * The transport has ended, by either side; called at least once, and only the first call counts.
     *
     * @param error why, or null for a normal end
     */
    void transportClosed(Throwable error);
}
