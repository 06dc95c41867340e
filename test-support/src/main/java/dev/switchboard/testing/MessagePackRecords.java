package dev.switchboard.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;

/**
 * What a MessagePack connection receives, split into records: first the handshake reply, JSON text ended by
 * 0x1E, then records that each start with their length as a VarInt. Fed whole binary messages or poll bodies
 * ({@link RawWebSocket#binaryMessages}, {@link RawHttp#pollBytes}); a record may span them. Bodies are given as
 * spaced lower-case hex ({@code "94 03 80 a1 31 02"}), Pings left out. Not thread-safe.
 */
public final class MessagePackRecords {

    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");
    private static final String PING = "91 06";

    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final Deque<String> records = new ArrayDeque<>();
    private boolean handshaken;

    /** Adds one unit as it arrived. */
    public void add(byte[] unit) {
        pending.writeBytes(unit);
        byte[] bytes = pending.toByteArray();
        int at = 0;
        if (!handshaken) {
            int end = new String(bytes, StandardCharsets.ISO_8859_1).indexOf('\u001e');
            if (end < 0) {
                return;
            }
            records.add(new String(bytes, 0, end, StandardCharsets.UTF_8));
            handshaken = true;
            at = end + 1;
        }
        while (at < bytes.length) {
            int length = 0;
            int prefix = 0;
            int b;
            do {
                if (at + prefix == bytes.length) {
                    keep(bytes, at);
                    return;
                }
                b = bytes[at + prefix] & 0xFF;
                length |= (b & 0x7F) << (7 * prefix);
                prefix++;
            } while ((b & 0x80) != 0);
            if (at + prefix + length > bytes.length) {
                keep(bytes, at);
                return;
            }
            String record = HEX.formatHex(bytes, at + prefix, at + prefix + length);
            if (!record.equals(PING)) {
                records.add(record);
            }
            at += prefix + length;
        }
        pending.reset();
    }

    /** {@return the next record: the handshake reply's JSON first, then bodies as hex; null when none is whole} */
    public String poll() {
        return records.poll();
    }

    /** {@return the next record {@code socket} receives, waiting up to {@link Await#TIMEOUT} for each message} */
    public String next(RawWebSocket socket) throws InterruptedException {
        String record;
        while ((record = poll()) == null) {
            add(Await.next(socket.binaryMessages, "a binary message"));
        }
        return record;
    }

    /** {@return the next record of the long-polling connection {@code token}, polling as needed} */
    public String next(RawHttp http, String token) throws Exception {
        String record;
        while ((record = poll()) == null) {
            HttpResponse<byte[]> poll = http.pollBytes(token);
            assertEquals(200, poll.statusCode());
            assertEquals("application/octet-stream", poll.headers().firstValue("Content-Type").orElseThrow());
            add(poll.body());
        }
        return record;
    }

    /** {@code hex}, spaced as records are given, as bytes. */
    public static byte[] bytes(String hex) {
        return HEX.parseHex(hex);
    }

    private void keep(byte[] bytes, int from) {
        pending.reset();
        pending.write(bytes, from, bytes.length - from);
    }
}
