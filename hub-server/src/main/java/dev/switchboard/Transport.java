package dev.switchboard;

import java.util.List;

/**
 * The ways a client can connect, in the order negotiate offers them. Clients fall back down the list
 * when one fails, for instance when a proxy strips the WebSocket upgrade.
 */
public enum Transport {

    /** WebSockets: one socket both ways, text or binary frames. */
    WEB_SOCKETS("WebSockets", List.of("Text", "Binary")),
    /** Server-Sent Events: a text event stream down, and a POST for each message up. */
    SERVER_SENT_EVENTS("ServerSentEvents", List.of("Text")),
    /** Long polling: a GET held until there is data down, and a POST for each message up. */
    LONG_POLLING("LongPolling", List.of("Text", "Binary"));

    private final String wireName;
    private final List<String> transferFormats;

    Transport(String wireName, List<String> transferFormats) {
        this.wireName = wireName;
        this.transferFormats = transferFormats;
    }

    /** {@return the name negotiate gives it, such as {@code WebSockets}} */
    public String wireName() {
        return wireName;
    }

    /** {@return the transfer formats negotiate lists for it: SSE carries text only} */
    public List<String> transferFormats() {
        return transferFormats;
    }
}
