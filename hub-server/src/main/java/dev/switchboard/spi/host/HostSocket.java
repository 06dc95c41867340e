package dev.switchboard.spi.host;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * A WebSocket the host opened after {@link Upgrade.Admitted}, as the hub host writes to it. One send at a time:
 * the next comes only once the last one's callback has run. No method blocks on the client.
 */
public interface HostSocket {

    /**
     * Sends one text message.
     *
     * @param text the message
     * @param done called once, with null once written or the failure
     */
    void sendText(String text, Consumer<Throwable> done);

    /**
     * Sends one binary message.
     *
     * @param bytes the message
     * @param done called once, with null once written or the failure
     */
    void sendBinary(ByteBuffer bytes, Consumer<Throwable> done);

    /**
     * Starts the close handshake from the server's side.
     *
     * @param code the close code, such as 1000 or 1008
     * @param reason why, at most 123 bytes in UTF-8
     */
    void close(int code, String reason);

    /** Drops the socket at once, without a close handshake, for a client that no longer reads. */
    void abort();
}
