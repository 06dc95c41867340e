package dev.switchboard.internal.transport;

import dev.switchboard.internal.protocol.Payload;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;

/**
 * Whole, unmasked server-to-client WebSocket frames (RFC 6455 §5.2). Tyrus re-encodes a text message to
 * UTF-8 and frames it for every session it is sent to; a broadcast instead frames its bytes once here and
 * every connection writes the same array. The close and pong frames are those the server sends past Tyrus.
 */
final class WebSocketFrames {

    private static final int FIN = 0x80;
    private static final int TEXT = 0x1;
    private static final int BINARY = 0x2;
    private static final int CLOSE = 0x8;
    private static final int PONG = 0xA;
    /** A control frame's payload is at most 125 bytes: a close frame's reason, after its code, at most 123. */
    private static final int MAX_CLOSE_REASON = 123;
    private static final int SEVEN_BIT_MAX = 125;
    private static final int SIXTEEN_BIT = 126;
    private static final int SIXTY_FOUR_BIT = 127;

    /** Frames bytes as a final text frame; one instance, as {@link Payload#framed} keys its cache by it. */
    static final UnaryOperator<byte[]> TEXT_FRAME = data -> frame(TEXT, data);
    /** Frames bytes as a final binary frame. */
    static final UnaryOperator<byte[]> BINARY_FRAME = data -> frame(BINARY, data);

    private WebSocketFrames() {
    }

    /** A close frame with {@code code} and {@code reason}, cut to 123 bytes at a character's start. */
    static byte[] close(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        int length = Math.min(text.length, MAX_CLOSE_REASON);
        while (length < text.length && (text[length] & 0xC0) == 0x80) {
            length--;
        }
        byte[] payload = new byte[2 + length];
        payload[0] = (byte) (code >>> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, length);
        return frame(CLOSE, payload);
    }

    /** The pong answering a ping whose (unmasked) payload is {@code data}, at most 125 bytes. */
    static byte[] pong(byte[] data) {
        return frame(PONG, data);
    }

    private static byte[] frame(int opcode, byte[] data) {
        int length = data.length;
        int header = length <= SEVEN_BIT_MAX ? 2 : length <= 0xFFFF ? 4 : 10;
        byte[] frame = new byte[header + length];
        frame[0] = (byte) (FIN | opcode);
        if (header == 2) {
            frame[1] = (byte) length;
        } else if (header == 4) {
            frame[1] = (byte) SIXTEEN_BIT;
            frame[2] = (byte) (length >>> 8);
            frame[3] = (byte) length;
        } else {
            frame[1] = (byte) SIXTY_FOUR_BIT;
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) ((long) length >>> (56 - 8 * i));
            }
        }
        System.arraycopy(data, 0, frame, header, length);
        return frame;
    }
}
