package dev.switchboard.bench.load;

import java.nio.ByteBuffer;

/**
 * SignalR's framing of binary records (its {@code BinaryMessageFormatter} and {@code BinaryMessageParser}): each
 * record is preceded by its length as a VarInt, 7 bits a byte, least significant group first, the high bit set on
 * every byte but the last, at most 5 bytes. No MessagePack library writes this prefix, which is SignalR's, not
 * MessagePack's.
 */
final class BinaryMessageFormat {

    private static final int MAX_LENGTH_BYTES = 5;

    private BinaryMessageFormat() {
    }

    /** {@code body} preceded by its length. */
    static byte[] framed(byte[] body) {
        int length = body.length;
        byte[] prefix = new byte[MAX_LENGTH_BYTES];
        int size = 0;
        int rest = length;
        do {
            byte group = (byte) (rest & 0x7f);
            rest >>>= 7;
            prefix[size++] = (byte) (rest > 0 ? group | 0x80 : group);
        } while (rest > 0);
        byte[] framed = new byte[size + length];
        System.arraycopy(prefix, 0, framed, 0, size);
        System.arraycopy(body, 0, framed, size, length);
        return framed;
    }

    /**
     * Reads the length prefix at {@code frame}'s position, leaving the position on the record's first byte; fails
     * when the prefix or the record it announces is cut short, which a server must never send.
     */
    static int length(ByteBuffer frame) {
        int length = 0;
        for (int i = 0; i < MAX_LENGTH_BYTES; i++) {
            if (!frame.hasRemaining()) {
                break;
            }
            int group = frame.get() & 0xff;
            length |= (group & 0x7f) << (7 * i);
            if (group < 0x80) {
                if (length < 0 || length > frame.remaining()) {
                    throw new IllegalArgumentException("A record of " + length + " bytes with " + frame.remaining()
                            + " left in the message");
                }
                return length;
            }
        }
        throw new IllegalArgumentException("A bad length prefix");
    }
}
