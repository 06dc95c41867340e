package dev.switchboard;

import java.util.Arrays;

/**
 * Makes a value a client chose fit for a log line: one line, nothing a terminal acts on, and bounded. Without it
 * a nickname holding a line feed forges a log line of its own, and an ANSI escape sequence recolours or clears
 * the terminal of whoever reads the log.
 *
 * <p>Escape everything a client chooses before it reaches a log line: nicknames, group and room names, method
 * names, message texts, user ids taken from tokens, headers, paths, query values, close reasons, and the
 * messages of exceptions built from any of these. Escape each argument, not the format:
 * <pre>{@code
 * log.info("{} entered the room {}", LogSafe.escape(nickname), LogSafe.escape(room));
 * }</pre>
 * An exception caused by a client's input, such as a parsing error quoting it, is best logged by its escaped
 * text rather than passed as the throwable, whose stack trace would print its message as it is (and say nothing
 * useful about a client's mistake): {@code log.debug("Bad input: {}", LogSafe.escape(e))}. The exception given
 * to {@link Hub#onDisconnected(Throwable)} is such a one: its message may quote the client's close reason.
 *
 * <p>What is escaped: line feed, carriage return and tab as {@code \n}, {@code \r} and {@code \t}; the other
 * C0 controls, DEL, the C1 controls (NEL among them), the line and paragraph separators U+2028 and U+2029, the
 * bidirectional embeddings, overrides and isolates (which can reorder how the rest of a line reads) and
 * unpaired surrogates as {@code \}{@code uXXXX}. A backslash is kept as it is: the result is for people to
 * read, not to be parsed back. Text longer than {@link #MAX_LENGTH} characters, once escaped, is cut there and
 * ends with "…".
 */
public final class LogSafe {

    /** The most characters of escaped text {@link #escape} returns, its closing "…" not counted. */
    public static final int MAX_LENGTH = 200;

    private static final char ELLIPSIS = '\u2026';
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private LogSafe() {
    }

    /**
     * The text of {@code value} (its {@code toString()}, the elements of an array, {@code "null"} for null),
     * escaped and bounded as the class describes. Cheap for text that needs nothing: such a string of at most
     * {@link #MAX_LENGTH} characters is returned itself.
     *
     * @param value what a client chose, or anything holding it; may be null
     * @return its text, fit for a log line
     */
    public static String escape(Object value) {
        String text = value instanceof Object[] array ? Arrays.deepToString(array) : String.valueOf(value);
        StringBuilder escaped = null;
        int width = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            int units = pair ? 2 : 1;
            int needed = pair ? 2 : escapedWidth(c);
            if (width + needed > MAX_LENGTH) {
                StringBuilder cut = escaped != null ? escaped : new StringBuilder(MAX_LENGTH + 1).append(text, 0, i);
                return cut.append(ELLIPSIS).toString();
            }
            if (escaped == null && needed != units) {
                escaped = new StringBuilder(Math.min(MAX_LENGTH + 1, text.length() + 16)).append(text, 0, i);
            }
            if (escaped != null) {
                if (needed == units) {
                    escaped.append(text, i, i + units);
                } else {
                    appendEscaped(escaped, c);
                }
            }
            width += needed;
            i += units;
        }
        return escaped == null ? text : escaped.toString();
    }

    /** How many characters {@code c}, not half of a surrogate pair, takes once escaped: 1 when it is kept. */
    private static int escapedWidth(char c) {
        if (c == '\n' || c == '\r' || c == '\t') {
            return 2;
        }
        return isUnsafe(c) ? 6 : 1;
    }

    private static boolean isUnsafe(char c) {
        return c < 0x20 || c >= 0x7f && c <= 0x9f
                || c == '\u2028' || c == '\u2029'
                || c >= '\u202a' && c <= '\u202e'
                || c >= '\u2066' && c <= '\u2069'
                || Character.isSurrogate(c);
    }

    private static void appendEscaped(StringBuilder out, char c) {
        switch (c) {
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            default -> out.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf])
                    .append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
        }
    }
}
