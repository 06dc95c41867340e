package dev.switchboard.internal.protocol;

/** How a protocol's records travel: as text (WebSocket text frames, SSE) or as bytes. */
public enum TransferFormat {
    TEXT,
    BINARY
}
