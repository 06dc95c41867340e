package dev.switchboard;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Mutates the WebSocket framing of valid sessions, leaving their SignalR payload whole: fragments (valid and
 * not), control frames between fragments, masks, RSV bits, reserved opcodes, lying lengths, messages that
 * grow past the 32 KB limit in fragments, ping floods, bad Close frames and headers cut short. Everything it
 * chooses comes from the {@link Random} it is given, so a seed replays the same mutants.
 */
final class WebSocketFrameMutator {

    /** What the client does once its frames are written: send the probe, or half-close its socket. */
    enum Ending { PROBE, EOF }

    /**
     * A session as written to the socket, one array a write. {@code valid} when every mutation keeps to RFC
     * 6455, so that the server must treat it as it treats the whole seed session.
     */
    record WireMutant(int seed, List<String> mutations, List<byte[]> writes, Ending ending, boolean valid) {
        String describe() {
            int total = writes.stream().mapToInt(write -> write.length).sum();
            StringBuilder out = new StringBuilder("seed session " + seed + ", mutations " + mutations + ", "
                    + (valid ? "valid, " : "") + writes.size() + " writes, " + total + " bytes, then " + ending + ":");
            for (byte[] write : writes.subList(0, Math.min(writes.size(), 12))) {
                out.append("\n  ").append(FrameMutator.escape(Arrays.copyOf(write, Math.min(write.length, 160))))
                        .append(write.length > 160 ? "... (" + write.length + " bytes)" : "");
            }
            return writes.size() > 12 ? out + "\n  ... " + (writes.size() - 12) + " more" : out.toString();
        }
    }

    private static final int MAX_MESSAGE = 32 * 1024;
    private static final int[] RESERVED_OPCODES = {3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF};
    private static final int[] BAD_CLOSE_CODES = {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2999, 5000, 65535};
    private static final long[] HUGE_LENGTHS = {MAX_MESSAGE + 1, 65_535, 1 << 20, Integer.MAX_VALUE, 1L << 32,
        1L << 40, Long.MAX_VALUE};

    private final Random random;
    private WireSession session;
    private List<WireFrame> frames;
    private boolean valid;
    private Ending ending;

    WebSocketFrameMutator(Random random) {
        this.random = random;
    }

    /** A seed session, each frame masked as clients must, with one to three framing mutations. */
    WireMutant next() {
        int seed = random.nextInt(FrameMutator.SEEDS.size());
        session = new WireSession(random);
        frames = session.frames;
        for (String text : FrameMutator.SEEDS.get(seed)) {
            frames.add(WireFrame.of(WireFrame.TEXT, utf8(text), key()));
        }
        valid = true;
        ending = Ending.PROBE;
        List<String> applied = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            applied.add(mutate());
        }
        return new WireMutant(seed, applied, session.writes(), ending, valid);
    }

    private String mutate() {
        switch (random.nextInt(16)) {
            case 0 -> {
                int parts = 2 + random.nextInt(random.nextBoolean() ? 3 : 40);
                return session.fragmentSome(parts) ? "fragment x" + parts : "fragment (no whole message)";
            }
            case 1 -> {
                WireFrame control = WireFrame.of(random.nextBoolean() ? WireFrame.PING : WireFrame.PONG,
                        randomBytes(random.nextInt(126)), key());
                return session.insertBetweenFragments(control) + " between fragments";
            }
            case 2 -> {
                valid = false;
                WireFrame continuation = WireFrame.of(WireFrame.CONTINUATION, utf8(call()), key())
                        .withFin(random.nextBoolean());
                frames.add(session.boundary(), continuation);
                return "continuation without start, fin " + continuation.fin();
            }
            case 3 -> {
                valid = false;
                WireFrame interloper = WireFrame.of(WireFrame.TEXT, utf8(call()), key()).withFin(random.nextBoolean());
                return session.insertBetweenFragments(interloper) + " (data) between fragments";
            }
            case 4 -> {
                valid = false;
                int at = random.nextInt(frames.size());
                frames.set(at, frames.get(at).withMask(false, null, null));
                return "unmasked frame " + at;
            }
            case 5 -> {
                return badMask();
            }
            case 6 -> {
                valid = false;
                int at = random.nextInt(frames.size());
                int rsv = 1 + random.nextInt(7);
                frames.set(at, frames.get(at).withRsv(rsv));
                return "RSV " + rsv + " on frame " + at;
            }
            case 7 -> {
                valid = false;
                int opcode = RESERVED_OPCODES[random.nextInt(RESERVED_OPCODES.length)];
                if (random.nextBoolean()) {
                    int at = random.nextInt(frames.size());
                    frames.set(at, frames.get(at).withOpcode(opcode));
                    return "opcode " + opcode + " on frame " + at;
                }
                frames.add(random.nextInt(frames.size() + 1), WireFrame.of(opcode, utf8(call()), key()));
                return "frame of opcode " + opcode;
            }
            case 8 -> {
                return lyingLength();
            }
            case 9 -> {
                return oversize();
            }
            case 10 -> {
                int count = 1 + random.nextInt(random.nextBoolean() ? 10 : 2000);
                int opcode = random.nextInt(4) == 0 ? WireFrame.PONG : WireFrame.PING;
                // Valid, but a server may close a client that sends hundreds of pings and reads none of its pongs.
                valid &= count <= 10;
                int at = random.nextInt(frames.size() + 1);
                for (int i = 0; i < count; i++) {
                    frames.add(at, WireFrame.of(opcode, randomBytes(random.nextInt(126)), key()));
                }
                return (opcode == WireFrame.PING ? "ping" : "pong") + " flood x" + count;
            }
            case 11 -> {
                return badControl();
            }
            case 12 -> {
                return closeFrame();
            }
            case 13 -> {
                valid = false;
                session.truncateAt = random.nextInt(frames.size());
                ending = random.nextBoolean() ? Ending.EOF : Ending.PROBE;
                return "cut in the header of frame " + session.truncateAt;
            }
            case 14 -> {
                WireFrame empty = WireFrame.of(WireFrame.TEXT, new byte[0], key());
                if (random.nextBoolean()) {
                    frames.add(session.boundary(), empty);
                    return "empty message";
                }
                String name =
                        session.insertBetweenFragments(empty.withOpcode(WireFrame.CONTINUATION).withFin(false));
                // Without a message to go into, the empty continuation starts nothing.
                valid &= !name.contains("no message");
                return "empty " + name + " between fragments";
            }
            default -> {
                session.dribble = true;
                return "dribbled writes";
            }
        }
    }

    private String badMask() {
        int at = random.nextInt(frames.size());
        WireFrame frame = frames.get(at);
        byte[] key = key();
        switch (random.nextInt(4)) {
            case 0 -> {
                valid = false;
                frames.set(at, frame.withMask(true, null, key));
                return "mask bit without key on frame " + at;
            }
            case 1 -> {
                valid = false;
                frames.set(at, frame.withMask(false, key, null));
                return "key without mask bit on frame " + at;
            }
            case 2 -> {
                valid = false;
                frames.set(at, frame.withMask(true, key, key()));
                return "payload masked with another key on frame " + at;
            }
            default -> {
                frames.set(at, frame.withMask(true, new byte[4], new byte[4]));
                return "zero key on frame " + at;
            }
        }
    }

    private String lyingLength() {
        valid = false;
        int at = random.nextInt(frames.size());
        WireFrame frame = frames.get(at);
        int length = frame.payload().length;
        switch (random.nextInt(6)) {
            case 0 -> {
                frames.set(at, frame.withLength(0, (long) random.nextInt(Math.max(1, length))));
                return "length shorter than the payload on frame " + at;
            }
            case 1 -> {
                frames.set(at, frame.withLength(0, length + 1L + random.nextInt(64)));
                return "length longer than the payload on frame " + at;
            }
            case 2 -> {
                frames.set(at, frame.withLength(16, length & 0xffffL));
                return "length in 16 bits on frame " + at;
            }
            case 3 -> {
                frames.set(at, frame.withLength(64, null));
                return "length in 64 bits on frame " + at;
            }
            case 4 -> {
                long declared = random.nextBoolean() ? Long.MIN_VALUE | length : -1L;
                frames.set(at, frame.withLength(64, declared));
                return "length with its top bit set on frame " + at;
            }
            default -> {
                long declared = HUGE_LENGTHS[random.nextInt(HUGE_LENGTHS.length)];
                frames.set(at, frame.withLength(declared == 65_535 ? 16 : 64, declared));
                return "length " + declared + " on frame " + at + " of " + length + " bytes";
            }
        }
    }

    /** A call echoing a string that takes the message past the limit, whole or in fragments. */
    private String oversize() {
        valid = false;
        int size = MAX_MESSAGE + 1 + random.nextInt(random.nextBoolean() ? 1024 : 1 << 20);
        WireFrame whole = WireFrame.of(WireFrame.TEXT,
                utf8(FrameMutator.invocation("big", "echo", "[\"" + "x".repeat(size) + "\"]")), key());
        int at = session.boundary();
        if (random.nextInt(4) == 0) {
            frames.add(at, whole);
            return "oversize message of " + whole.payload().length + " bytes in one frame";
        }
        List<WireFrame> fragments = new ArrayList<>();
        byte[] payload = whole.payload();
        for (int from = 0; from < payload.length; ) {
            int to = Math.min(payload.length, from + 1024 + random.nextInt(15 * 1024));
            fragments.add(WireFrame.of(from == 0 ? WireFrame.TEXT : WireFrame.CONTINUATION,
                    Arrays.copyOfRange(payload, from, to), key()).withFin(false));
            from = to;
        }
        boolean finished = random.nextInt(4) != 0;
        if (finished) {
            fragments.set(fragments.size() - 1, fragments.get(fragments.size() - 1).withFin(true));
        }
        frames.addAll(at, fragments);
        return "oversize message of " + payload.length + " bytes in " + fragments.size() + " fragments"
                + (finished ? "" : ", never finished");
    }

    private String badControl() {
        valid = false;
        int at = random.nextInt(frames.size() + 1);
        switch (random.nextInt(3)) {
            case 0 -> {
                frames.add(at, WireFrame.of(WireFrame.PING, randomBytes(126 + random.nextInt(900)), key()));
                return "ping longer than 125 bytes";
            }
            case 1 -> {
                int opcode = random.nextBoolean() ? WireFrame.PING : WireFrame.CLOSE;
                frames.add(at, WireFrame.of(opcode, randomBytes(random.nextInt(10)), key()).withFin(false));
                return "fragmented control frame, opcode " + opcode;
            }
            default -> {
                frames.add(at, WireFrame.of(WireFrame.CONTINUATION, randomBytes(4), key()));
                frames.add(at, WireFrame.of(WireFrame.PING, randomBytes(4), key()).withFin(false));
                return "ping continued";
            }
        }
    }

    private String closeFrame() {
        valid = false;
        int at = random.nextInt(frames.size() + 1);
        byte[] payload;
        String kind;
        switch (random.nextInt(6)) {
            case 0 -> {
                payload = new byte[0];
                kind = "empty";
            }
            case 1 -> {
                payload = randomBytes(1);
                kind = "one byte";
            }
            case 2 -> {
                int code = BAD_CLOSE_CODES[random.nextInt(BAD_CLOSE_CODES.length)];
                payload = closePayload(code, utf8("bye"));
                kind = "code " + code;
            }
            case 3 -> {
                payload = closePayload(1000, new byte[] {'x', (byte) 0xc3, (byte) 0x28, (byte) 0xff});
                kind = "reason of invalid UTF-8";
            }
            case 4 -> {
                payload = closePayload(1000, utf8("r".repeat(124 + random.nextInt(200))));
                kind = "payload over 125 bytes";
            }
            default -> {
                int code = random.nextBoolean() ? 1000 : 3000 + random.nextInt(2000);
                payload = closePayload(code, utf8("done"));
                kind = "code " + code;
            }
        }
        frames.add(at, WireFrame.of(WireFrame.CLOSE, payload, key()));
        return "close, " + kind + ", as frame " + at;
    }

    private static byte[] closePayload(int code, byte[] reason) {
        byte[] payload = new byte[2 + reason.length];
        payload[0] = (byte) (code >>> 8);
        payload[1] = (byte) code;
        System.arraycopy(reason, 0, payload, 2, reason.length);
        return payload;
    }

    private String call() {
        return FrameMutator.invocation(String.valueOf(random.nextInt(100)), "add", "[1,2]");
    }

    private byte[] key() {
        return session.key();
    }

    private byte[] randomBytes(int count) {
        return session.randomBytes(count);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
