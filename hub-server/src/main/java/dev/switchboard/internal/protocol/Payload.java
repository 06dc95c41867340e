package dev.switchboard.internal.protocol;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One or more whole serialized records, ready for a transport. A broadcast builds one payload and hands
 * the same instance to every connection; the text form for WebSocket text frames is decoded once and
 * shared too.
 */
public final class Payload {

    private final byte[] bytes;
    private volatile String text;

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

    @Override
    public String toString() {
        return text();
    }
}
