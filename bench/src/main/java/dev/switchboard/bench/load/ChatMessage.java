package dev.switchboard.bench.load;

/**
 * The text the fan-out sender broadcasts: {@code T<sequence>,<System.nanoTime() at send>,} padded with
 * {@code x} to the payload size. {@code System.nanoTime()} reads the machine's monotonic clock on Linux, so
 * receivers in other processes on the same machine can subtract it from their own reading.
 */
public final class ChatMessage {

    private static final String MARKER = "\"T";

    private ChatMessage() {
    }

    /** The text of message {@code sequence}, stamped now, {@code size} characters long when that fits. */
    public static String text(long sequence, int size) {
        StringBuilder text = new StringBuilder(size).append('T').append(sequence).append(',')
                .append(System.nanoTime()).append(',');
        while (text.length() < size) {
            text.append('x');
        }
        return text.toString();
    }

    /**
     * The send time stamped in the JSON record of {@code frame} from {@code at} to {@code end}, where the text is
     * a quoted string, or -1 when it has none.
     */
    static long sentNanos(CharSequence frame, int at, int end) {
        int marker = Text.indexOf(frame, MARKER, at, end);
        return marker < 0 ? -1 : sentNanos(frame, marker + MARKER.length());
    }

    /** The send time stamped in {@code text}, a decoded string argument, or -1 when it has none. */
    static long sentNanos(CharSequence text) {
        return !text.isEmpty() && text.charAt(0) == 'T' ? sentNanos(text, 1) : -1;
    }

    /** The send time of the stamp whose sequence number starts at {@code stamp}. */
    private static long sentNanos(CharSequence frame, int stamp) {
        int comma = stamp;
        while (frame.charAt(comma) != ',') {
            comma++;
        }
        return Text.number(frame, comma + 1);
    }
}
