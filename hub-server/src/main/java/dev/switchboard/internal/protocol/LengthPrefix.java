package dev.switchboard.internal.protocol;

/**
 * The binary framing of SignalR: each record is preceded by its length as a VarInt, seven bits a byte, least
 * significant group first, the high bit saying that another byte follows; one to five bytes, at most 2 GB.
 */
final class LengthPrefix {

    static final int MAX_BYTES = 5;

    private LengthPrefix() {
    }

    /**
     * The length and prefix size of the next record in {@code input}, packed as {@code length << 8 | prefixSize},
     * or -1 while the prefix itself is incomplete. The record may still be incomplete.
     *
     * @throws ProtocolException when the prefix is malformed or announces more than {@code maxRecordSize} bytes
     */
    static long next(InputBuffer input, int maxRecordSize) throws ProtocolException {
        byte[] data = input.array();
        int start = input.start();
        int available = Math.min(input.readable(), MAX_BYTES);
        long length = 0;
        for (int i = 0; i < available; i++) {
            int b = data[start + i] & 0xFF;
            length |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                if (length > Integer.MAX_VALUE) {
                    throw new ProtocolException("Messages over 2GB in size are not supported.");
                }
                if (length > maxRecordSize) {
                    throw new ProtocolException("The maximum message size of " + maxRecordSize + "B was exceeded.");
                }
                return length << 8 | (i + 1);
            }
        }
        if (available == MAX_BYTES) {
            throw new ProtocolException("The length prefix of a message is longer than " + MAX_BYTES + " bytes.");
        }
        return -1;
    }

    /** {@code body} preceded by its length. */
    static byte[] prefix(byte[] body) {
        int length = body.length;
        int size = 1;
        for (int rest = length >>> 7; rest != 0; rest >>>= 7) {
            size++;
        }
        byte[] record = new byte[size + length];
        int rest = length;
        for (int i = 0; i < size; i++) {
            record[i] = (byte) (i == size - 1 ? rest : (rest & 0x7F) | 0x80);
            rest >>>= 7;
        }
        System.arraycopy(body, 0, record, size, length);
        return record;
    }
}
