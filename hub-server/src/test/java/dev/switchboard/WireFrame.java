package dev.switchboard;

import java.io.ByteArrayOutputStream;

/**
 * One client WebSocket frame as it goes on the wire (RFC 6455 §5.2), every field free to break the RFC: the
 * frame fuzzer makes valid frames and then bends their bits, lengths and masks.
 *
 * @param fin the FIN bit
 * @param rsv the three RSV bits, 0 to 7
 * @param opcode 0 to 15
 * @param masked the MASK bit
 * @param key the masking key written after the length, or null to write none
 * @param maskWith the key the payload is masked with, or null to send it as it is
 * @param lengthBits how the length is written: 7, 16 or 64 bits, or 0 for the fewest that hold it
 * @param declared the length written, or null for the payload's own
 * @param payload the unmasked payload
 */
record WireFrame(boolean fin, int rsv, int opcode, boolean masked, byte[] key, byte[] maskWith, int lengthBits,
                 Long declared, byte[] payload) {

    static final int CONTINUATION = 0x0;
    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;

    /** A valid, final, masked frame with this key. */
    static WireFrame of(int opcode, byte[] payload, byte[] key) {
        return new WireFrame(true, 0, opcode, true, key, key, 0, null, payload);
    }

    boolean control() {
        return (opcode & 0x8) != 0;
    }

    /** A data frame that is a whole message: no fragment of another. */
    boolean wholeMessage() {
        return fin && (opcode == TEXT || opcode == BINARY);
    }

    WireFrame withFin(boolean value) {
        return new WireFrame(value, rsv, opcode, masked, key, maskWith, lengthBits, declared, payload);
    }

    WireFrame withRsv(int value) {
        return new WireFrame(fin, value, opcode, masked, key, maskWith, lengthBits, declared, payload);
    }

    WireFrame withOpcode(int value) {
        return new WireFrame(fin, rsv, value, masked, key, maskWith, lengthBits, declared, payload);
    }

    WireFrame withMask(boolean bit, byte[] written, byte[] used) {
        return new WireFrame(fin, rsv, opcode, bit, written, used, lengthBits, declared, payload);
    }

    WireFrame withLength(int bits, Long value) {
        return new WireFrame(fin, rsv, opcode, masked, key, maskWith, bits, value, payload);
    }

    /** How many bytes precede the payload. */
    int headerLength() {
        return encode().length - payload.length;
    }

    byte[] encode() {
        long length = declared != null ? declared : payload.length;
        int bits = lengthBits != 0 ? lengthBits
                : length >= 0 && length < 126 ? 7 : length >= 0 && length < 65536 ? 16 : 64;
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 14);
        out.write((fin ? 0x80 : 0) | (rsv & 7) << 4 | opcode & 0x0f);
        int maskBit = masked ? 0x80 : 0;
        if (bits == 7) {
            out.write(maskBit | (int) (length & 0x7f));
        } else if (bits == 16) {
            out.write(maskBit | 126);
            out.write((int) (length >>> 8) & 0xff);
            out.write((int) length & 0xff);
        } else {
            out.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (length >>> shift) & 0xff);
            }
        }
        if (key != null) {
            out.writeBytes(key);
        }
        byte[] body = payload.clone();
        if (maskWith != null) {
            for (int i = 0; i < body.length; i++) {
                body[i] ^= maskWith[i & 3];
            }
        }
        out.writeBytes(body);
        return out.toByteArray();
    }
}
