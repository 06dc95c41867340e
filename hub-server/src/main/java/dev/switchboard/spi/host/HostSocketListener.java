package dev.switchboard.spi.host;

import java.nio.ByteBuffer;

/** What the host tells the hub host of a {@link HostSocket}: a message came, or the socket ended. */
public interface HostSocketListener {

    /**
     * A whole message, text as its UTF-8 bytes; the buffer is the hub host's from now on.
     *
     * @param message the message
     */
    void onMessage(ByteBuffer message);

    /**
     * The socket ended, by either side; only the first call counts.
     *
     * @param error why, or null for a normal close
     */
    void onClose(Throwable error);
}
