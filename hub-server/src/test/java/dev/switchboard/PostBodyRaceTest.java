package dev.switchboard;

import static dev.switchboard.testing.RawWebSocket.JSON_HANDSHAKE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.fixtures.TestHub;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.EventStreamSocket;
import dev.switchboard.testing.RawHttp;
import dev.switchboard.testing.RawWebSocket;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * POSTs whose bodies arrive apart from their headers, many at once: each must be answered. Grizzly could hand
 * the last bytes of one to {@code PostBodyReader} on a worker while marking the input finished elsewhere, and
 * the reader, waiting for an onAllDataRead that never came, left the POST unanswered (the frame fuzzer's SSE
 * and long polling "hangs"). A race: this test makes thousands of chances for it, each bounded.
 */
class PostBodyRaceTest {

    private static final int SENDERS = 4;
    private static final int POSTS_PER_SENDER = 2_500;
    private static final int ANSWER_TIMEOUT_MS = (int) Await.TIMEOUT.toMillis();

    private HubServer server;

    @BeforeEach
    void start() throws Exception {
        server = HubServer.builder().port(0).hub("/test", TestHub.class).build().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void everyPostToAnEventStreamConnectionIsAnswered() throws Exception {
        String token = new RawHttp(server.port(), "/test").negotiate();
        try (EventStreamSocket events = EventStreamSocket.open(server.port(), "/test", token)) {
            assertEquals(200, new Poster(token).post(JSON_HANDSHAKE));
            ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
            try {
                List<Future<Integer>> answered = new ArrayList<>();
                for (int s = 0; s < SENDERS; s++) {
                    answered.add(senders.submit(() -> {
                        Poster poster = new Poster(token);
                        try {
                            for (int i = 0; i < POSTS_PER_SENDER; i++) {
                                assertEquals(200, poster.post("{\"type\":6}" + RawWebSocket.RS), "POST " + i);
                            }
                        } finally {
                            poster.close();
                        }
                        return POSTS_PER_SENDER;
                    }));
                }
                for (Future<Integer> sender : answered) {
                    // Each POST is bounded by the socket's read timeout; this only bounds the whole.
                    assertEquals(POSTS_PER_SENDER, sender.get(5, TimeUnit.MINUTES));
                }
            } finally {
                senders.shutdownNow();
                assertTrue(senders.awaitTermination(1, TimeUnit.MINUTES));
            }
        }
    }

    /** Keep-alive POSTs on a raw socket, headers and body written apart so the body often arrives on its own. */
    private final class Poster {
        private final String token;
        private Socket socket;
        private InputStream in;
        private OutputStream out;

        Poster(String token) {
            this.token = token;
        }

        int post(String body) throws IOException {
            if (socket == null) {
                socket = new Socket();
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress("localhost", server.port()), ANSWER_TIMEOUT_MS);
                // A POST left unanswered fails here, with a SocketTimeoutException, instead of hanging the test.
                socket.setSoTimeout(ANSWER_TIMEOUT_MS);
                in = new BufferedInputStream(socket.getInputStream());
                out = socket.getOutputStream();
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            out.write(("POST /test?id=" + token + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
                    + "Content-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            out.write(bytes);
            out.flush();
            String status = line();
            long length = 0;
            boolean close = false;
            String header;
            while (!(header = line()).isEmpty()) {
                String lower = header.toLowerCase();
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring("content-length:".length()).trim());
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            in.skipNBytes(length);
            if (close) {
                close();
            }
            return Integer.parseInt(status.split(" ")[1]);
        }

        private String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int next;
            while ((next = in.read()) != '\n') {
                if (next < 0) {
                    throw new IOException("The server closed the connection");
                }
                line.write(next);
            }
            String text = line.toString(StandardCharsets.US_ASCII);
            return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        }

        void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // Nothing left to release.
                }
                socket = null;
            }
        }
    }
}
