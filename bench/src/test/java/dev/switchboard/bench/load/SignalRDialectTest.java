package dev.switchboard.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON dialect's reading of what the chat sends, as text and as a binary message (a poll's body). */
class SignalRDialectTest {

    private static final String RECORDS = "{}\u001e{\"type\":6}\u001e"
            + "{\"type\":1,\"target\":\"message\",\"arguments\":[\"u1\",\"T5,12345,xx\"]}\u001e"
            + "{\"type\":3,\"invocationId\":\"7\",\"error\":\"boom\"}\u001e";
    private static final List<String> SEEN = List.of("opened", "message 12345", "completed 7 \"error\":\"boom\"}");

    @Test
    void recordsAreReadFromText() {
        RecordingEvents events = new RecordingEvents();
        new SignalRDialect().receive(RECORDS, events);
        assertEquals(SEEN, events.seen);
    }

    @Test
    void aBinaryMessageIsReadAsUtf8Text() {
        RecordingEvents events = new RecordingEvents();
        new SignalRDialect().receive(ByteBuffer.wrap(RECORDS.getBytes(StandardCharsets.UTF_8)), false, events);
        assertEquals(SEEN, events.seen);
    }
}
