package dev.switchboard.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.testing.Await;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A WebSocket client on a plain socket with a tiny receive buffer: it completes the upgrade and the
 * SignalR handshake, then stops reading, as a phone on a dead network does; or an event stream or a long
 * poll likewise.
 * Once the server has given up on it, it can read on to see how the server ended it.
 */
public final class StalledClient implements AutoCloseable {

    private final Socket socket;

    private StalledClient(Socket socket) {
        this.socket = socket;
    }

    /** A WebSocket that completed the upgrade and the JSON handshake, then stops reading. */
    public static StalledClient connect(int port, String path) throws IOException {
        StalledClient client = upgraded(port, path);
        writeMaskedText(client.socket, RawWebSocket.JSON_HANDSHAKE);
        byte[] reply = client.socket.getInputStream().readNBytes(5);
        assertArrayEquals(new byte[] {(byte) 0x81, 3, '{', '}', 0x1e}, reply, "a text frame with {} and 0x1E");
        return client;
    }

    /** A WebSocket just upgraded, before any SignalR handshake. */
    public static StalledClient upgraded(int port, String path) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("localhost", port), (int) Await.TIMEOUT.toMillis());
        socket.setSoTimeout((int) Await.TIMEOUT.toMillis());
        byte[] key = new byte[16];
        new SecureRandom().nextBytes(key);
        String upgrade = "GET " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key)
                + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
        socket.getOutputStream().write(upgrade.getBytes(StandardCharsets.US_ASCII));
        String response = readHeaders(socket.getInputStream());
        assertTrue(response.startsWith("HTTP/1.1 101"), response);
        return new StalledClient(socket);
    }

    /** An event stream for a negotiated connection, opened and then never read again. */
    public static StalledClient eventStream(int port, String path, String token) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("localhost", port), (int) Await.TIMEOUT.toMillis());
        socket.setSoTimeout((int) Await.TIMEOUT.toMillis());
        String request = "GET " + path + "?id=" + token + " HTTP/1.1\r\nHost: localhost:" + port
                + "\r\nAccept: text/event-stream\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        String response = readHeaders(socket.getInputStream());
        assertTrue(response.startsWith("HTTP/1.1 200"), response);
        return new StalledClient(socket);
    }

    /**
     * A long poll for a negotiated connection and, pipelined behind it, a negotiate, whose answer is written
     * on a request thread; both sent and then never read.
     */
    public static StalledClient poll(int port, String path, String token) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("localhost", port), (int) Await.TIMEOUT.toMillis());
        socket.setSoTimeout((int) Await.TIMEOUT.toMillis());
        String request = "GET " + path + "?id=" + token + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n\r\n"
                + "POST " + path + "/negotiate?negotiateVersion=1 HTTP/1.1\r\nHost: localhost:" + port
                + "\r\nContent-Length: 0\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        return new StalledClient(socket);
    }

    /** Whether the server has begun to answer: bytes wait in the socket, unread. */
    public boolean answerStarted() {
        try {
            return socket.getInputStream().available() > 0;
        } catch (IOException e) {
            return true;
        }
    }

    /** Sends one short text frame, such as a hub message; the client still reads nothing. */
    public void send(String text) throws IOException {
        writeMaskedText(socket, text);
    }

    /** How a WebSocket ended for a client that read on: its last text frame and the server's close frame. */
    public record WebSocketEnding(String lastText, int closeCode, String closeReason) {
    }

    /**
     * Reads on at last, frame by frame, keeping only the last text frame, up to the server's close frame; a
     * socket dropped with no close frame gives code -1.
     */
    public WebSocketEnding readToCloseFrame() throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
        String lastText = null;
        while (true) {
            int first;
            long length;
            try {
                first = in.readUnsignedByte();
                length = in.readUnsignedByte() & 0x7f;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
            } catch (IOException e) {
                return new WebSocketEnding(lastText, -1, null);
            }
            int opcode = first & 0x0f;
            if (opcode == 8) {
                byte[] body = in.readNBytes((int) length);
                int code = body.length >= 2 ? ((body[0] & 0xff) << 8) | (body[1] & 0xff) : -1;
                String reason = body.length > 2 ? new String(body, 2, body.length - 2, StandardCharsets.UTF_8) : "";
                return new WebSocketEnding(lastText, code, reason);
            }
            if (opcode == 1 && length < 64 * 1024) {
                lastText = new String(in.readNBytes((int) length), StandardCharsets.UTF_8);
            } else {
                in.skipNBytes(length);
            }
        }
    }

    /** Reads an event stream on at last until the server ends it: the data of its last event. */
    public String readToEndOfEventStream() throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        String lastData = null;
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("data: ")) {
                    lastData = line.substring("data: ".length());
                }
            }
        } catch (SocketTimeoutException e) {
            throw e;
        } catch (IOException e) {
            // A reset ends the stream too, after what was read.
        }
        return lastData;
    }

    /**
     * Whether the server has dropped the socket, found by writing an empty ping rather than by reading, which
     * would take what the server has queued; the first write after the drop may still go out.
     */
    public boolean writeFails() {
        try {
            socket.getOutputStream().write(masked(0x89, new byte[0]));
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Reads on at last, skipping whatever was buffered: true once the server has dropped the socket. */
    public boolean droppedByServer() throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[64 * 1024];
        try {
            while (in.read(buffer) >= 0) {
                // Discarding what the kernel held before the server gave up.
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // a reset is a drop too
        }
    }

    private static String readHeaders(InputStream in) throws IOException {
        ByteArrayOutputStream headers = new ByteArrayOutputStream();
        while (!headers.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                break;
            }
            headers.write(next);
        }
        return headers.toString(StandardCharsets.US_ASCII);
    }

    private static void writeMaskedText(Socket socket, String text) throws IOException {
        writeMasked(socket, 0x81, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends one masked frame as given, valid or not, for input a conforming client could never send;
     * {@code firstByte} holds the FIN and RSV bits and the opcode.
     */
    public void sendFrame(int firstByte, byte[] payload) throws IOException {
        writeMasked(socket, firstByte, payload);
    }

    /** Sends bytes as they are: frames unmasked, cut short or with any length at all. */
    public void sendRaw(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
    }

    /** Reads on to the next text frame and returns its text; frames of other kinds are skipped. */
    public String nextText() throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        while (true) {
            Frame frame = readFrame(in);
            if (frame == null) {
                throw new EOFException("The server closed the socket");
            }
            if ((frame.first() & 0x0F) == 0x1) {
                return new String(frame.payload(), StandardCharsets.UTF_8);
            }
        }
    }

    /** Reads frames up to the server's Close and returns its status code, or -1 when the socket ends first. */
    public int closeCode() throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        while (true) {
            Frame frame = readFrame(in);
            if (frame == null) {
                return -1;
            }
            byte[] payload = frame.payload();
            if ((frame.first() & 0x0F) == 0x8) {
                return payload.length < 2 ? 1005 : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
            }
        }
    }

    /** One frame as read: its first byte (FIN, RSV bits and opcode) and its payload. */
    private record Frame(int first, byte[] payload) {
    }

    /** The next frame; null when the socket ends before it. */
    private static Frame readFrame(DataInputStream in) throws IOException {
        int first = in.read();
        if (first < 0) {
            return null;
        }
        long length = in.readUnsignedByte() & 0x7F;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        return new Frame(first, in.readNBytes((int) length));
    }

    private static void writeMasked(Socket socket, int firstByte, byte[] payload) throws IOException {
        socket.getOutputStream().write(masked(firstByte, payload));
    }

    /** One frame masked as clients mask theirs, its length in as few bytes as it takes; otherwise as given. */
    public static byte[] masked(int firstByte, byte[] payload) {
        byte[] mask = {1, 2, 3, 4};
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write(firstByte);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xff);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >>> shift) & 0xff);
            }
        }
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        return frame.toByteArray();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
