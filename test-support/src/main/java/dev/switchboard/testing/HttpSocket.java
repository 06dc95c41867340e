package dev.switchboard.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.testing.Await;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * One client socket speaking whatever HTTP a test writes, well-formed or not, in pieces or at once, over plain TCP
 * or TLS; it reads answers with {@link RawRequest#read}, and tells when the server closed it and what came before.
 */
public final class HttpSocket implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;

    private HttpSocket(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout((int) Await.TIMEOUT.toMillis());
        this.in = socket.getInputStream();
    }

    /** A plain TCP connection to localhost:{@code port}. */
    public static HttpSocket open(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("localhost", port), (int) Await.TIMEOUT.toMillis());
        return new HttpSocket(socket);
    }

    /** A TLS connection, its handshake done. */
    public static HttpSocket open(int port, SSLContext tls) throws IOException {
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket();
        socket.connect(new InetSocketAddress("localhost", port), (int) Await.TIMEOUT.toMillis());
        HttpSocket opened = new HttpSocket(socket);
        socket.startHandshake();
        return opened;
    }

    /** Writes {@code text} at once, one byte a character (ISO-8859-1). */
    public HttpSocket write(String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        return this;
    }

    /**
     * Writes {@code text} {@code chunk} bytes at a time, one chunk every {@code every} on {@code timer}, as a client
     * on a slow link or an attacker would; the future completes once all is written or the server has closed the
     * socket.
     */
    public CompletableFuture<Void> trickle(String text, int chunk, Duration every, ScheduledExecutorService timer) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        AtomicInteger sent = new AtomicInteger();
        CompletableFuture<Void> done = new CompletableFuture<>();
        ScheduledFuture<?> writes = timer.scheduleAtFixedRate(() -> {
            int from = sent.get();
            try {
                socket.getOutputStream().write(bytes, from, Math.min(chunk, bytes.length - from));
                if (sent.addAndGet(chunk) >= bytes.length) {
                    done.complete(null);
                }
            } catch (IOException e) {
                done.complete(null);
            }
        }, 0, every.toNanos(), TimeUnit.NANOSECONDS);
        done.whenComplete((result, failure) -> writes.cancel(false));
        return done;
    }

    /** The next answer's head, and its body when it has a length. */
    public RawRequest.Answer answer() throws IOException {
        return RawRequest.read(in);
    }

    /**
     * Reads until the server closes the socket, or resets it, and returns what came before; fails if that takes
     * longer than {@link Await#TIMEOUT}.
     */
    public String untilClosed() throws IOException {
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        try {
            for (int b = in.read(); b >= 0; b = in.read()) {
                rest.write(b);
            }
        } catch (SocketException e) {
            // A reset: the server is gone as surely as with an end of stream.
        }
        return rest.toString(StandardCharsets.ISO_8859_1);
    }

    /** Fails unless the server closes the socket without sending anything more. */
    public void assertClosedSilently() throws IOException {
        assertEquals("", untilClosed(), "nothing more before the server closed the socket");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
