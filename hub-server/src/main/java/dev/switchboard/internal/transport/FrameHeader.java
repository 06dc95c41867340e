package dev.switchboard.internal.transport;

/**
 * The header of one client-to-server WebSocket frame (RFC 6455 §5.2) as its bytes arrive: two bytes of flags,
 * opcode and length code, then 0, 2 or 8 bytes of extended length, then the 4-byte mask. What each part
 * breaks can be told as soon as that part is in.
 */
final class FrameHeader {

    private static final int FIN = 0x80;
    private static final int RESERVED_BITS = 0x70;
    private static final int OPCODE = 0x0F;
    private static final int MASKED = 0x80;
    private static final int LENGTH_CODE = 0x7F;
    private static final int SIXTEEN_BIT = 126;
    private static final int SIXTY_FOUR_BIT = 127;
    private static final int MAX_CONTROL_PAYLOAD = 125;
    private static final int FIRST_CONTROL = 0x8;
    private static final int MASK_BYTES = 4;

    private final byte[] bytes = new byte[2 + 8 + MASK_BYTES];
    private int length;

    void add(byte next) {
        bytes[length++] = next;
    }

    /** How many of the header's bytes have arrived. */
    int length() {
        return length;
    }

    /** The header's bytes so far, from index 0. */
    byte[] bytes() {
        return bytes;
    }

    void reset() {
        length = 0;
    }

    /** Where the length ends and the mask starts; 2 until the length code is in. */
    int lengthEnd() {
        if (length < 2) {
            return 2;
        }
        int code = bytes[1] & LENGTH_CODE;
        return code == SIXTEEN_BIT ? 4 : code == SIXTY_FOUR_BIT ? 10 : 2;
    }

    /** Whether the whole header, mask included, has arrived. */
    boolean complete() {
        return length >= 2 && length == lengthEnd() + MASK_BYTES;
    }

    boolean fin() {
        return (bytes[0] & FIN) != 0;
    }

    int opcode() {
        return bytes[0] & OPCODE;
    }

    /** The payload's length, once {@link #lengthEnd()} bytes are in; negative when the top bit is set. */
    long payloadLength() {
        int code = bytes[1] & LENGTH_CODE;
        if (code < SIXTEEN_BIT) {
            return code;
        }
        long value = 0;
        for (int i = 2; i < lengthEnd(); i++) {
            value = value << 8 | bytes[i] & 0xFF;
        }
        return value;
    }

    /**
     * What the first two bytes break, as a close reason, or null: checked before the rest arrives.
     *
     * @param inMessage whether a fragmented message is unfinished
     */
    String protocolError(boolean inMessage) {
        int opcode = opcode();
        if ((bytes[0] & RESERVED_BITS) != 0) {
            return "Reserved bits set with no extension negotiated";
        }
        if (opcode > 0x2 && opcode < FIRST_CONTROL || opcode > 0xA) {
            return "Unknown opcode " + opcode;
        }
        if ((bytes[1] & MASKED) == 0) {
            return "Client frames must be masked";
        }
        if (opcode >= FIRST_CONTROL) {
            if (!fin()) {
                return "Fragmented control frame";
            }
            if ((bytes[1] & LENGTH_CODE) > MAX_CONTROL_PAYLOAD) {
                return "Control frame longer than 125 bytes";
            }
        } else if (opcode == 0 && !inMessage) {
            return "Continuation frame with no message to continue";
        } else if (opcode != 0 && inMessage) {
            return "New message inside an unfinished fragmented one";
        }
        return null;
    }

    /** Unmasks {@code payload} with this (complete) header's mask. */
    void unmask(byte[] payload) {
        int mask = lengthEnd();
        for (int i = 0; i < payload.length; i++) {
            payload[i] ^= bytes[mask + (i & 3)];
        }
    }
}
