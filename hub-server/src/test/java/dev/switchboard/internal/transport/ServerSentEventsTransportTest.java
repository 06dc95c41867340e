package dev.switchboard.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ServerSentEventsTransportTest {

    private static String event(String payload) {
        return new String(EventStreamFormat.event(payload), StandardCharsets.UTF_8);
    }

    @Test
    void aPayloadIsOneEventEndedByABlankLine() {
        assertEquals("data: {\"type\":6}\u001e\r\n\r\n", event("{\"type\":6}\u001e"));
    }

    @Test
    void linesBecomeDataLinesAndACarriageReturnBeforeALineFeedIsDropped() {
        assertEquals("data: a\r\ndata: b\r\ndata: c\r\n\r\n", event("a\nb\r\nc"));
    }
}
