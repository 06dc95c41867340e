package dev.switchboard.internal.connection;

/** Where a connection is in its life; it only ever moves down this list, skipping steps when it ends early. */
public enum ConnectionState {
    /** Created by negotiate; no transport yet. */
    NEGOTIATED,
    /** A transport is attached; waiting for the handshake request. */
    HANDSHAKING,
    /** Handshake done; hub messages flow. */
    CONNECTED,
    /** The server is ending it: its last messages go out, input is ignored, and the client ends the transport. */
    CLOSING,
    /** Over; nothing more is sent or received. */
    CLOSED
}
