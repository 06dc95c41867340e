package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LogSafeTest {

    private static final String ELLIPSIS = "\u2026";

    @Test
    void plainTextIsReturnedItself() {
        String plain = "alice joined the room 'général' \uD83D\uDE00 \\n stays";
        assertSame(plain, LogSafe.escape(plain));
        String longest = "x".repeat(LogSafe.MAX_LENGTH);
        assertSame(longest, LogSafe.escape(longest));
    }

    @Test
    void lineBreaksAndTabsBecomeTheirEscapes() {
        assertEquals("eve\\n12:00:00 INFO admin logged in", LogSafe.escape("eve\n12:00:00 INFO admin logged in"));
        assertEquals("a\\r\\nb\\tc", LogSafe.escape("a\r\nb\tc"));
    }

    @Test
    void otherControlsBecomeUnicodeEscapes() {
        assertEquals("\\u001b[31mred\\u001b[0m", LogSafe.escape("\u001b[31mred\u001b[0m"));
        assertEquals("nul\\u0000del\\u007f", LogSafe.escape("nul\u0000del\u007f"));
        assertEquals("c1 \\u0085 \\u009b \\u0080", LogSafe.escape("c1 \u0085 \u009b \u0080"));
    }

    @Test
    void lineSeparatorsBidiControlsAndLoneSurrogatesAreEscaped() {
        assertEquals("a\\u2028b\\u2029c", LogSafe.escape("a\u2028b\u2029c"));
        assertEquals("\\u202eevil\\u202c \\u2066x\\u2069", LogSafe.escape("\u202eevil\u202c \u2066x\u2069"));
        assertEquals("lone \\ud800 and \\udc00", LogSafe.escape("lone \ud800 and \udc00"));
    }

    @Test
    void nullAndOtherObjectsAreEscapedByTheirText() {
        assertEquals("null", LogSafe.escape(null));
        assertEquals("[a\\nb, 1]", LogSafe.escape(List.of("a\nb", 1)));
        assertEquals("[x\\ty, [2]]", LogSafe.escape(new Object[] {"x\ty", new int[] {2}}));
        assertEquals("java.lang.IllegalArgumentException: bad \\\"\\n\\\"",
                LogSafe.escape(new IllegalArgumentException("bad \\\"\n\\\"")));
    }

    @Test
    void longTextIsCutAtTheLimit() {
        String cut = LogSafe.escape("y".repeat(LogSafe.MAX_LENGTH + 1));
        assertEquals("y".repeat(LogSafe.MAX_LENGTH) + ELLIPSIS, cut);
        String huge = LogSafe.escape("z".repeat(1_000_000));
        assertEquals(LogSafe.MAX_LENGTH + 1, huge.length());
    }

    @Test
    void theLimitCountsEscapedCharactersAndNeverSplitsAnEscapeOrAPair() {
        String escapes = LogSafe.escape("\u001b".repeat(100));
        assertEquals("\\u001b".repeat(LogSafe.MAX_LENGTH / 6) + ELLIPSIS, escapes);

        String newlines = LogSafe.escape("x" + "\n".repeat(150));
        assertEquals("x" + "\\n".repeat((LogSafe.MAX_LENGTH - 1) / 2) + ELLIPSIS, newlines);

        String pairs = LogSafe.escape("x" + "\uD83D\uDE00".repeat(150));
        assertEquals("x" + "\uD83D\uDE00".repeat((LogSafe.MAX_LENGTH - 1) / 2) + ELLIPSIS, pairs);
        assertTrue(Character.isLowSurrogate(pairs.charAt(pairs.length() - 2)), "Ends with a whole pair");
    }
}
