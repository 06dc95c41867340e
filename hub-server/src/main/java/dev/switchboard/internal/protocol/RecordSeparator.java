package dev.switchboard.internal.protocol;

/**
 * The text framing of SignalR: each record ends with byte 0x1E. JSON escapes control characters inside
 * strings, so a raw 0x1E byte can only ever be a record's end.
 */
public final class RecordSeparator {

    public static final byte VALUE = 0x1E;

    private RecordSeparator() {
    }

    /**
     * Length of the next whole record in {@code input}, without its separator, or -1 when the record is
     * still incomplete.
     *
     * @throws ProtocolException when the record, finished or not, is longer than {@code maxRecordSize}
     */
    public static int nextRecordLength(InputBuffer input, int maxRecordSize) throws ProtocolException {
        int length = input.indexOf(VALUE);
        int seen = length < 0 ? input.readable() : length;
        if (seen > maxRecordSize) {
            throw new ProtocolException("The maximum message size of " + maxRecordSize + "B was exceeded.");
        }
        return length;
    }
}
