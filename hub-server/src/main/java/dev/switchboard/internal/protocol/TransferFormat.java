package dev.switchboard.internal.protocol;

/** How a protocol's records travel: as text (WebSocket text frames, SSE) or as bytes. */
public enum TransferFormat {
    TEXT("Text"),
    BINARY("Binary");

    private final String wireName;

    TransferFormat(String wireName) {
        this.wireName = wireName;
    }

    /** {@return the name negotiate and SignalR's errors give it} */
    public String wireName() {
        return wireName;
    }
}
