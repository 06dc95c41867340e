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
     * A whole message, saying whether it came as text: connection handlers answer text with text. The default
     * drops the distinction.
     *
     * @param message the message, text as its UTF-8 bytes; the buffer is the hub host's from now on
     * @param text true for a text message
     */
    default void onMessage(ByteBuffer message, boolean text) {
        onMessage(message);
    }

    /**
     * The socket ended, by either side; only the first call counts.
     *
     * @param error why, or null for a normal close
     */
    void onClose(Throwable error);
}
