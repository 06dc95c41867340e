package dev.switchboard.internal.connection;

/** Where a connection is in its life. */
public enum ConnectionState {
    /** Created by negotiate; no transport yet. */
    NEGOTIATED,
    /** A transport is attached; waiting for the handshake request. */
    HANDSHAKING,
    /** Handshake done; hub messages flow. */
    CONNECTED,
    /** Over; nothing more is sent or received. */
    CLOSED
}
