package dev.switchboard.testing;

import dev.switchboard.testing.Await;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * An event stream on a plain socket, read line by line with deadlines; closing it closes the socket, which
 * is how a client ends a Server-Sent Events connection (the JDK's HttpClient keeps the socket open).
 */
public final class EventStreamSocket implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean chunked;
    /** Bytes left in the current chunk; -1 while reading a chunk's size line. */
    private long chunkLeft = -1;
    private final StringBuilder sizeLine = new StringBuilder();
    private int crlfToSkip;

    private EventStreamSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
    }

    /** Opens the event stream of the connection with this token; throws unless the server answers 200. */
    public static EventStreamSocket open(int port, String path, String token) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("localhost", port), (int) Await.TIMEOUT.toMillis());
        socket.setSoTimeout(200);
        EventStreamSocket stream = new EventStreamSocket(socket);
        String request = "GET " + path + "?id=" + token + " HTTP/1.1\r\nHost: localhost:" + port
                + "\r\nAccept: text/event-stream\r\n\r\n";
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
        long deadline = System.nanoTime() + Await.TIMEOUT.toNanos();
        String status = stream.rawLine(deadline);
        String header;
        while ((header = stream.rawLine(deadline)) != null && !header.isEmpty()) {
            stream.chunked |= header.toLowerCase().startsWith("transfer-encoding:") && header.contains("chunked");
        }
        if (status == null || !status.startsWith("HTTP/1.1 200")) {
            stream.close();
            throw new IOException("The event stream did not open: " + status);
        }
        return stream;
    }

    /** The next line of the stream's body, null at its end; throws {@link SocketTimeoutException} at the deadline. */
    public String nextLine(long deadline) throws IOException {
        return line(deadline, true);
    }

    private String rawLine(long deadline) throws IOException {
        return line(deadline, false);
    }

    private String line(long deadline, boolean body) throws IOException {
        while (true) {
            int next = body ? bodyByte(deadline) : read(deadline);
            if (next < 0) {
                return null;
            }
            if (next == '\n') {
                String text = line.toString(StandardCharsets.UTF_8);
                line.reset();
                return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
            }
            line.write(next);
        }
    }

    /** One byte of the body, chunked transfer coding removed. */
    private int bodyByte(long deadline) throws IOException {
        while (chunked && chunkLeft <= 0) {
            int next = read(deadline);
            if (next < 0) {
                return -1;
            }
            if (crlfToSkip > 0) {
                crlfToSkip--;
                chunkLeft = crlfToSkip == 0 ? -1 : 0;
            } else if (next == '\n') {
                String size = sizeLine.toString().trim();
                sizeLine.setLength(0);
                chunkLeft = Long.parseLong(size.split(";")[0], 16);
                if (chunkLeft == 0) {
                    return -1;
                }
            } else {
                sizeLine.append((char) next);
            }
        }
        int next = read(deadline);
        if (chunked && next >= 0 && --chunkLeft == 0) {
            crlfToSkip = 2;
        }
        return next;
    }

    private int read(long deadline) throws IOException {
        while (true) {
            try {
                return in.read();
            } catch (SocketTimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing left to release.
        }
    }
}
