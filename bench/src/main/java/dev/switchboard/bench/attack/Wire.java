package dev.switchboard.bench.attack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/** One attacker's socket, speaking raw HTTP/1.1 and WebSocket frames, with every read bounded in time. */
final class Wire implements AutoCloseable {

    static final byte TEXT = 0x1;
    static final byte PING = 0x9;
    static final byte CONTINUATION = 0x0;
    private static final String HANDSHAKE = "{\"protocol\":\"json\",\"version\":1}\u001e";

    final Socket socket;
    private final InputStream in;

    Wire(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
    }

    void write(String text) throws IOException {
        write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    void write(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** The response head (status line and fields) or "" when the server closed first; null on a read timeout. */
    String readHead(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        try {
            int b;
            while ((b = in.read()) >= 0) {
                head.write(b);
                if (head.size() >= 4 && head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            return null;
        } catch (IOException e) {
            return "";
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** What the server sent, and whether it closed the socket. */
    record Answer(String text, boolean closed) {
    }

    /** Everything the server sends until it closes, or until {@code timeoutMillis} of silence. */
    Answer readToEnd(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        boolean closed = true;
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                all.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            closed = false;
        } catch (IOException e) {
            // A reset is a close too.
        }
        return new Answer(all.toString(StandardCharsets.ISO_8859_1), closed);
    }

    /** Whether the server closes the socket within {@code timeoutMillis}, reading and discarding what it sends. */
    boolean closedWithin(int timeoutMillis) throws IOException {
        return readToEnd(timeoutMillis).closed();
    }

    /** Upgrades to a hub WebSocket without negotiate and completes the SignalR handshake. */
    void openHub(String path, int port) throws IOException {
        write("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n");
        String head = readHead(10_000);
        if (head == null || !head.startsWith("HTTP/1.1 101")) {
            throw new IOException("Upgrade refused: " + head);
        }
        write(frame(TEXT, true, true, HANDSHAKE.getBytes(StandardCharsets.UTF_8)));
        Frame answer = readFrame(10_000);
        if (answer == null || answer.opcode() != TEXT) {
            throw new IOException("No handshake answer");
        }
    }

    /** A frame as a client sends it: masked unless told otherwise. */
    static byte[] frame(byte opcode, boolean fin, boolean masked, byte[] payload) {
        return header(opcode, fin, masked, payload.length, payload);
    }

    /** A frame header declaring {@code length}, followed by {@code payload} (which may be shorter or empty). */
    static byte[] header(byte opcode, boolean fin, boolean masked, long length, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((fin ? 0x80 : 0) | opcode);
        int mask = masked ? 0x80 : 0;
        if (length >= 0 && length < 126) {
            out.write(mask | (int) length);
        } else if (length >= 0 && length < 65536) {
            out.write(mask | 126);
            out.write((int) (length >> 8));
            out.write((int) length);
        } else {
            out.write(mask | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (length >> shift));
            }
        }
        byte[] key = new byte[4];
        if (masked) {
            ThreadLocalRandom.current().nextBytes(key);
            out.writeBytes(key);
        }
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ (masked ? key[i & 3] : 0));
        }
        return out.toByteArray();
    }

    /** A frame the server sent, unmasked. */
    record Frame(int opcode, byte[] payload) {

        /** The close code of a Close frame, or -1. */
        int closeCode() {
            return opcode == 0x8 && payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : -1;
        }

        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /** The next frame from the server; null on a timeout or a close without a frame. */
    Frame readFrame(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        try {
            int first = in.read();
            int second = in.read();
            if (first < 0 || second < 0) {
                return null;
            }
            long length = second & 0x7F;
            if (length == 126) {
                length = (in.read() << 8) | in.read();
            } else if (length == 127) {
                length = 0;
                for (int i = 0; i < 8; i++) {
                    length = (length << 8) | in.read();
                }
            }
            return new Frame(first & 0x0F, in.readNBytes((int) length));
        } catch (SocketTimeoutException e) {
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Frames until a Close frame arrives: its code, or -1 when the socket ends or times out without one. */
    int closeCode(int timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (System.nanoTime() < deadline) {
            Frame frame = readFrame((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            if (frame == null) {
                return -1;
            }
            if (frame.opcode() == 0x8) {
                return frame.closeCode();
            }
        }
        return -1;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Already gone.
        }
    }
}
