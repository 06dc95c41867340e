package dev.switchboard;

import dev.switchboard.testing.Await;
import dev.switchboard.testing.StalledClient;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket on a plain socket, so that text frames can carry any bytes, invalid UTF-8 included, which
 * no WebSocket library sends, and frames can break RFC 6455 itself: the frame fuzzer writes raw bytes.
 */
final class WebSocketFuzzConnection implements FuzzConnection {

    private static final int OPCODE_CLOSE = 8;
    private static final int POLL_MILLIS = 200;
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final Records records = new Records();
    private boolean broken;
    private String ending = "none";

    private WebSocketFuzzConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Opens a WebSocket to {@code path}, or returns null when the server refuses the upgrade. */
    static WebSocketFuzzConnection open(int port, String path) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("localhost", port), (int) Await.TIMEOUT.toMillis());
        socket.setSoTimeout(POLL_MILLIS);
        // Dribbled writes should reach the server as the many small segments they are.
        socket.setTcpNoDelay(true);
        WebSocketFuzzConnection connection = new WebSocketFuzzConnection(socket);
        String upgrade = "GET " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        connection.out.write(upgrade.getBytes(StandardCharsets.US_ASCII));
        if (!connection.readHeaders(System.nanoTime() + Await.TIMEOUT.toNanos()).startsWith("HTTP/1.1 101")) {
            connection.close();
            return null;
        }
        return connection;
    }

    @Override
    public void send(FrameMutator.Frame frame) {
        try {
            writeFrame(frame.binary() ? 2 : 1, frame.bytes());
        } catch (IOException e) {
            // The server has closed the socket; sending the probe finds that out.
        }
    }

    /** Writes bytes as they are, until a write fails: then the server has closed, which {@link #await} reads. */
    void write(byte[] bytes) {
        if (broken) {
            return;
        }
        try {
            out.write(bytes);
        } catch (IOException e) {
            broken = true;
        }
    }

    @Override
    public Outcome await(byte[] probe, long deadline) throws IOException {
        try {
            writeFrame(1, probe);
        } catch (IOException e) {
            ending = "closed before the probe";
            return Outcome.CLOSED;
        }
        return awaitEnd(deadline);
    }

    /** Half-closes the socket, as a client that stops in the middle of a frame and leaves, and awaits the end. */
    Outcome awaitEndAfterEof(long deadline) {
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            ending = "closed before the EOF";
            return Outcome.CLOSED;
        }
        return awaitEnd(deadline);
    }

    /** How the last session ended: answered, a Close message, a close frame and its code, or the socket closing. */
    String ending() {
        return ending;
    }

    private Outcome awaitEnd(long deadline) {
        while (System.nanoTime() < deadline) {
            try {
                int first = in.readUnsignedByte();
                // The rest of a frame comes with its first byte: waited for at length, so no frame is cut.
                socket.setSoTimeout((int) Await.TIMEOUT.toMillis());
                long length = in.readUnsignedByte() & 0x7f;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] payload = new byte[Math.toIntExact(length)];
                in.readFully(payload);
                socket.setSoTimeout(POLL_MILLIS);
                int opcode = first & 0x0f;
                if (opcode == OPCODE_CLOSE) {
                    ending = payload.length < 2 ? "close frame without code"
                            : "close " + ((payload[0] & 0xff) << 8 | payload[1] & 0xff);
                    return Outcome.CLOSED;
                }
                if (opcode <= 2) {
                    Outcome outcome = records.accept(new String(payload, StandardCharsets.UTF_8));
                    if (outcome != null) {
                        ending = outcome == Outcome.ANSWERED ? "answered" : outcome == Outcome.TIMED_OUT
                                ? "Close message of the client timeout" : "Close message";
                        return outcome;
                    }
                }
            } catch (SocketTimeoutException e) {
                // Nothing yet: waits on until the deadline.
            } catch (EOFException e) {
                ending = "TCP close";
                return Outcome.CLOSED;
            } catch (IOException e) {
                ending = "TCP reset";
                return Outcome.CLOSED;
            }
        }
        ending = "none";
        return Outcome.HUNG;
    }

    private String readHeaders(long deadline) throws IOException {
        ByteArrayOutputStream headers = new ByteArrayOutputStream();
        while (!headers.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n") && System.nanoTime() < deadline) {
            try {
                int next = in.read();
                if (next < 0) {
                    break;
                }
                headers.write(next);
            } catch (SocketTimeoutException e) {
                // Waits on until the deadline.
            }
        }
        return headers.toString(StandardCharsets.US_ASCII);
    }

    /** One final frame, masked as clients must send. */
    private void writeFrame(int opcode, byte[] payload) throws IOException {
        out.write(StalledClient.masked(0x80 | opcode, payload));
    }

    @Override
    public void close() {
        try {
            writeFrame(OPCODE_CLOSE, new byte[] {0x03, (byte) 0xe8});
        } catch (IOException e) {
            // Already closed by the server.
        }
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing left to release.
        }
    }
}
