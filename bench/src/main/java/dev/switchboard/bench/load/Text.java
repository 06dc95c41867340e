package dev.switchboard.bench.load;

/** Searching character sequences without copying them into strings. */
final class Text {

    private Text() {
    }

    /** Where {@code needle} starts in {@code text} between {@code from} and {@code to}, or -1. */
    static int indexOf(CharSequence text, String needle, int from, int to) {
        int last = to - needle.length();
        outer:
        for (int i = from; i <= last; i++) {
            for (int j = 0; j < needle.length(); j++) {
                if (text.charAt(i + j) != needle.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The decimal number starting at {@code at}, which must hold at least one digit. */
    static long number(CharSequence text, int at) {
        long value = 0;
        for (int i = at; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
