package dev.switchboard.internal.connection;

/**
 * Where a connection is in its life; it only ever moves down this list, skipping steps when it ends early, except
 * that a stateful connection moves back from {@link #DISCONNECTED} to {@link #CONNECTED} when its client resumes.
 */
public enum ConnectionState {
    /** Created by negotiate; no transport yet. */
    NEGOTIATED,
    /** A transport is attached; waiting for the handshake request. */
    HANDSHAKING,
    /** Handshake done; hub messages flow. */
    CONNECTED,
    /**
     * Stateful reconnect: the WebSocket dropped without a close, and the connection waits for its client to
     * reconnect within the disconnect timeout; what is sent meanwhile is kept for it.
     */
    DISCONNECTED,
    /** The server is ending it: its last messages go out, input is ignored, and the client ends the transport. */
    CLOSING,
    /** Over; nothing more is sent or received. */
    CLOSED
}
