package dev.switchboard;

import java.util.List;

/**
 * The ways a client can connect, in the order negotiate offers them. Clients fall back down the list
 * when one fails, for instance when a proxy strips the WebSocket upgrade.
 */
public enum Transport {

    WEB_SOCKETS("WebSockets", List.of("Text", "Binary")),
    SERVER_SENT_EVENTS("ServerSentEvents", List.of("Text")),
    LONG_POLLING("LongPolling", List.of("Text", "Binary"));

    private final String wireName;
    private final List<String> transferFormats;

    Transport(String wireName, List<String> transferFormats) {
        this.wireName = wireName;
        this.transferFormats = transferFormats;
    }

    /** The name negotiate gives it, such as {@code WebSockets}. */
    public String wireName() {
        return wireName;
    }

    /** The transfer formats negotiate lists for it: SSE carries text only. */
    public List<String> transferFormats() {
        return transferFormats;
    }
}
