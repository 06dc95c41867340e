package dev.switchboard.bench.attack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Abuse of an open hub WebSocket: frames that grow without end, floods of control frames, bad framing. */
final class WebSocketAttacks {

    private static final int MB = 1024 * 1024;
    private static final int PINGS = 1_000_000;
    private static final int BAD_FRAMES = 200;
    private static final byte[] PING_RECORD =
            "{\"type\":6}\u001e".getBytes(StandardCharsets.UTF_8);

    private WebSocketAttacks() {
    }

    static List<Attack> all() {
        return List.of(
                new Attack("fragments", "64 MB in one text message, as 64 KB continuation frames", WebSocketAttacks::fragments),
                new Attack("pings", "1,000,000 pings of 125 bytes from a client that never reads", WebSocketAttacks::pings),
                new Attack("unmasked", "An unmasked client frame", (target, peak) -> single(target, peak,
                        Wire.frame(Wire.TEXT, true, false, PING_RECORD))),
                new Attack("top-bit", "A frame length with its top bit set", (target, peak) -> single(target, peak,
                        Wire.header(Wire.TEXT, true, true, Long.MIN_VALUE, PING_RECORD))),
                new Attack("big-frame", "One 2 MB frame", (target, peak) -> single(target, peak,
                        Wire.frame(Wire.TEXT, true, true, new byte[2 * MB]))),
                new Attack("bad-frames", BAD_FRAMES + " connections each sending a bad frame (five kinds in turn)",
                        WebSocketAttacks::badFrames),
                new Attack("handshake-error", "A handshake error, then a client that never closes",
                        WebSocketAttacks::handshakeError));
    }

    private static String fragments(Target target, Attack.Peak peak) throws Exception {
        try (Wire wire = new Wire(target.port)) {
            wire.openHub("/chat", target.port);
            long sent = 0;
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 'a');
            try {
                wire.write(Wire.frame(Wire.TEXT, false, true, chunk));
                sent += chunk.length;
                while (sent < 64L * MB) {
                    wire.write(Wire.frame(Wire.CONTINUATION, false, true, chunk));
                    sent += chunk.length;
                }
            } catch (IOException e) {
                // The server closed; what it said is read below.
            }
            peak.reached();
            int code = wire.closeCode(10_000);
            return (code < 0 ? "no Close" : "Close " + code) + " after " + sent / 1024 + " KB were written";
        }
    }

    private static String pings(Target target, Attack.Peak peak) throws Exception {
        try (Wire wire = new Wire(target.port)) {
            wire.openHub("/chat", target.port);
            byte[] ping = Wire.frame(Wire.PING, true, true, new byte[125]);
            byte[] batch = new byte[10_000 * ping.length];
            for (int i = 0; i < 10_000; i++) {
                System.arraycopy(ping, 0, batch, i * ping.length, ping.length);
            }
            ExecutorService writer = Executors.newSingleThreadExecutor();
            Future<Integer> written = writer.submit(() -> {
                int pings = 0;
                try {
                    while (pings < PINGS) {
                        wire.write(batch);
                        pings += 10_000;
                    }
                } catch (IOException e) {
                    // The server closed.
                }
                return pings;
            });
            String sent;
            try {
                sent = written.get(120, TimeUnit.SECONDS) + " pings written";
            } catch (TimeoutException e) {
                sent = "the server stopped reading before all pings were written";
            }
            peak.reached();
            writer.shutdownNow();
            return sent + "; server " + (target.alive() ? "alive" : "dead");
        }
    }

    private static String single(Target target, Attack.Peak peak, byte[] frame) throws Exception {
        try (Wire wire = new Wire(target.port)) {
            wire.openHub("/chat", target.port);
            try {
                wire.write(frame);
            } catch (IOException e) {
                // The server closed early; its close frame may still be read.
            }
            peak.reached();
            int code = wire.closeCode(10_000);
            return code < 0 ? "no Close frame within 10 s" : "Close " + code;
        }
    }

    private static String badFrames(Target target, Attack.Peak peak) throws Exception {
        int linesBefore = target.logLines().size();
        List<Integer> codes = new ArrayList<>();
        for (int i = 0; i < BAD_FRAMES; i++) {
            try (Wire wire = new Wire(target.port)) {
                wire.openHub("/chat", target.port);
                try {
                    wire.write(badFrame(i));
                } catch (IOException e) {
                    // Closed while writing: the close frame is read below.
                }
                int code = wire.closeCode(10_000);
                if (!codes.contains(code)) {
                    codes.add(code);
                }
            }
        }
        peak.reached();
        List<String> lines = target.logLines();
        List<String> added = lines.subList(Math.min(linesBefore, lines.size()), lines.size());
        long traces = added.stream().filter(line -> line.startsWith("\tat ")).count();
        return "Close " + codes + "; " + added.size() + " log lines, " + traces + " of them stack frames";
    }

    /** A reserved bit, a reserved opcode, an impossible length, a 2 MB frame, invalid UTF-8, in turn. */
    private static byte[] badFrame(int i) {
        return switch (i % 5) {
            case 0 -> {
                byte[] frame = Wire.frame(Wire.TEXT, true, true, PING_RECORD);
                frame[0] |= 0x40;
                yield frame;
            }
            case 1 -> Wire.frame((byte) 0x3, true, true, PING_RECORD);
            case 2 -> Wire.header(Wire.TEXT, true, true, Long.MIN_VALUE, new byte[0]);
            case 3 -> Wire.frame(Wire.TEXT, true, true, new byte[2 * MB]);
            default -> Wire.frame(Wire.TEXT, true, true, new byte[] {(byte) 0xC3, (byte) 0x28, 0x1e});
        };
    }

    private static String handshakeError(Target target, Attack.Peak peak) throws Exception {
        try (Wire wire = new Wire(target.port)) {
            wire.write("GET /chat HTTP/1.1\r\nHost: 127.0.0.1:" + target.port + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n");
            wire.readHead(10_000);
            long start = System.nanoTime();
            wire.write(Wire.frame(Wire.TEXT, true, true,
                    "{\"protocol\":\"nope\",\"version\":1}\u001e".getBytes(StandardCharsets.UTF_8)));
            peak.reached();
            Wire.Frame frame;
            while ((frame = wire.readFrame(15_000)) != null && frame.opcode() != 0x8) {
                // The handshake's error answer comes first.
            }
            String closeFrame = frame == null ? "no Close frame"
                    : "Close " + frame.closeCode() + " after " + millis(start) + " ms";
            boolean cut = wire.closedWithin(15_000);
            return closeFrame + "; socket " + (cut ? "cut after " + millis(start) + " ms" : "still open after 15 s");
        }
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
