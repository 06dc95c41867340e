package dev.switchboard.internal.transport;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What an event stream looks like on the wire, for both hosts: the embedded server's
 * {@link ServerSentEventsTransport} and {@link ExchangeEventStream}, which must load without Grizzly on the class
 * path (a servlet container's class path has none).
 */
final class EventStreamFormat {

    /** The header fields of an event stream: no cache may keep it, and nginx must not buffer it. */
    static final Map<String, String> HEADERS = Map.of("Cache-Control", "no-cache, no-store", "Pragma", "no-cache",
            "Content-Encoding", "identity", "X-Accel-Buffering", "no");
    static final String CONTENT_TYPE = "text/event-stream";
    /**
     * A comment sent as soon as the stream opens: some browsers fire EventSource's open only once data arrives.
     * A raw connection's keep-alive is the same comment, which clients skip.
     */
    static final byte[] FIRST_COMMENT = ":\r\n".getBytes(StandardCharsets.US_ASCII);

    private EventStreamFormat() {
    }

    /** {@code data: } lines for the payload, a CR before each LF dropped, ended by a blank line. */
    static byte[] event(String payload) {
        StringBuilder event = new StringBuilder(payload.length() + 16);
        for (String line : payload.split("\r?\n", -1)) {
            event.append("data: ").append(line).append("\r\n");
        }
        return event.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }
}
