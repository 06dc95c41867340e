package dev.switchboard.internal.protocol;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One or more whole serialized records, ready for a transport. A broadcast builds one payload and hands
 * the same instance to every connection; the text form for WebSocket text frames is decoded once and
 * shared too.
 */
public final class Payload {

    private final byte[] bytes;
    private volatile String text;
    private volatile Framed framed;

    public Payload(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The records of several payloads in order, as one unit. */
    public static Payload concat(List<Payload> payloads) {
        if (payloads.size() == 1) {
            return payloads.get(0);
        }
        int total = 0;
        for (Payload payload : payloads) {
            total += payload.bytes.length;
        }
        byte[] joined = new byte[total];
        int at = 0;
        for (Payload payload : payloads) {
            System.arraycopy(payload.bytes, 0, joined, at, payload.bytes.length);
            at += payload.bytes.length;
        }
        return new Payload(joined);
    }

    /** The bytes; callers must not modify them. */
    public byte[] bytes() {
        return bytes;
    }

    public int size() {
        return bytes.length;
    }

    /** The bytes as UTF-8 text, for text frames. */
    public String text() {
        String decoded = text;
        if (decoded == null) {
            decoded = new String(bytes, StandardCharsets.UTF_8);
            text = decoded;
        }
        return decoded;
    }

    /**
     * The bytes as {@code framing} wraps them for the wire, computed once for all the connections a broadcast
     * reaches. {@code framing} must be one shared instance (a constant): it is the key of what is kept, and
     * only the latest framing is kept.
     */
    public byte[] framed(UnaryOperator<byte[]> framing) {
        Framed current = framed;
        if (current == null || current.framing != framing) {
            current = new Framed(framing, framing.apply(bytes));
            framed = current;
        }
        return current.bytes;
    }

    @Override
    public String toString() {
        return text();
    }

    private record Framed(UnaryOperator<byte[]> framing, byte[] bytes) {
    }
}
