package dev.switchboard.internal.protocol;

/** Input that breaks the handshake or hub protocol; the connection is closed with its message. */
public final class ProtocolException extends Exception {

    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
