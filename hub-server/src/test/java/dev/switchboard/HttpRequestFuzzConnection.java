package dev.switchboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.FuzzConnection.Outcome;
import dev.switchboard.FuzzConnection.Result;
import dev.switchboard.HttpFuzzRequest.Kind;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.RawWebSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends one {@link HttpMutant} over a socket of its own and reads how the server dealt with it: the status
 * line of an answer, or the socket closing. The connection the request belongs to is made ready first with
 * the JDK's client (negotiated; long polling started and the handshake posted, so that a valid poll is
 * answered at once), and ended afterwards.
 */
final class HttpRequestFuzzConnection {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int POLL_MILLIS = 200;
    private static final int KEPT = 64 * 1024;
    private static final Pattern TOKEN = Pattern.compile("\"connectionToken\":\"([^\"]+)\"");

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private String closed;

    private HttpRequestFuzzConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Runs {@code mutant}; {@code bound} is how long the server has, after the last write, to answer or close. */
    static Result run(HttpClient http, int port, HttpMutant mutant, Duration bound) throws Exception {
        String base = "http://localhost:" + port + HttpFuzzRequest.PATH;
        String token = prepare(http, base, mutant.kind());
        String toEnd = token;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), (int) Await.TIMEOUT.toMillis());
            socket.setTcpNoDelay(true);
            HttpRequestFuzzConnection connection = new HttpRequestFuzzConnection(socket);
            for (HttpMutant.Write write : mutant.render(token == null ? "none" : token)) {
                // A server that answers or closes while the request trickles ends the trickle.
                if (write.pauseMillis() > 0 && connection.readFor(write.pauseMillis()) || !connection.write(write)) {
                    break;
                }
            }
            Result result = connection.status(System.nanoTime() + bound.toNanos());
            if (mutant.untilClosed() && result.outcome() == Outcome.ANSWERED) {
                result = connection.awaitClose(result.ending(), System.nanoTime() + bound.toNanos());
            }
            if (mutant.kind() == Kind.NEGOTIATE) {
                toEnd = connection.negotiatedToken();
            }
            return result;
        } finally {
            end(http, base, mutant.kind(), toEnd);
        }
    }

    /** The token the request's kind needs, its connection in the state that kind expects; null for none. */
    private static String prepare(HttpClient http, String base, Kind kind) throws Exception {
        if (kind == Kind.NEGOTIATE || kind == Kind.UPGRADE) {
            return null;
        }
        HttpResponse<String> negotiated = http.send(request(base + "/negotiate?negotiateVersion=1")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        String token = JSON.readTree(negotiated.body()).get("connectionToken").asText();
        if (kind == Kind.POST || kind == Kind.POLL) {
            http.send(request(base + "?id=" + token).GET().build(), HttpResponse.BodyHandlers.discarding());
        }
        if (kind == Kind.POLL) {
            http.send(request(base + "?id=" + token).POST(HttpRequest.BodyPublishers.ofString(
                    RawWebSocket.JSON_HANDSHAKE)).build(), HttpResponse.BodyHandlers.discarding());
        }
        return token;
    }

    /**
     * Ends the connection at once, rather than leaving it to expire: a negotiated one (the mutant's own
     * negotiate, or an event stream the mutant did not open) is taken up by long polling first, then deleted.
     * An event stream the mutant opened ends with its socket.
     */
    private static void end(HttpClient http, String base, Kind kind, String token) {
        if (token == null || kind == Kind.UPGRADE) {
            return;
        }
        try {
            if (kind == Kind.NEGOTIATE || kind == Kind.EVENTS) {
                http.send(request(base + "?id=" + token).GET().build(), HttpResponse.BodyHandlers.discarding());
            }
            http.send(request(base + "?id=" + token).DELETE().build(), HttpResponse.BodyHandlers.discarding());
        } catch (Exception e) {
            // The server ends it anyway once it stops being polled.
        }
    }

    /** The token of a negotiate the server answered, or null; waits a little for the body to arrive. */
    private String negotiatedToken() {
        for (int i = 0; i < 5; i++) {
            Matcher token = TOKEN.matcher(received.toString(StandardCharsets.ISO_8859_1));
            if (token.find()) {
                return token.group(1);
            }
            if (closed != null) {
                return null;
            }
            readOnce(POLL_MILLIS);
        }
        return null;
    }

    private static HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Await.TIMEOUT);
    }

    private boolean write(HttpMutant.Write write) {
        try {
            out.write(write.bytes());
            return true;
        } catch (IOException e) {
            return false; // closed by the server: what it sent before is read next
        }
    }

    /** Reads for up to {@code millis}; true once the server has sent something or closed. */
    private boolean readFor(long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        int before = received.size();
        while (closed == null && received.size() == before && System.nanoTime() < deadline) {
            readOnce(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
        return closed != null || received.size() > before;
    }

    /** The answer's status line, skipping a 100 Continue, or the socket's end, or HUNG at the deadline. */
    private Result status(long deadline) {
        while (System.nanoTime() < deadline) {
            String text = received.toString(StandardCharsets.ISO_8859_1);
            int lineEnd = text.indexOf('\n');
            if (lineEnd >= 0) {
                String[] parts = text.substring(0, lineEnd).strip().split(" ", 3);
                if (!parts[0].startsWith("HTTP/") || parts.length < 2) {
                    return new Result(Outcome.ANSWERED, "not HTTP: " + HttpRequestMutator.shorten(text));
                }
                int interimEnd = text.indexOf("\r\n\r\n");
                if (parts[1].equals("100") && interimEnd >= 0) {
                    byte[] rest = Arrays.copyOfRange(received.toByteArray(), interimEnd + 4, received.size());
                    received.reset();
                    received.writeBytes(rest);
                    continue;
                }
                if (!parts[1].equals("100")) {
                    return new Result(Outcome.ANSWERED, "status " + parts[1]);
                }
            }
            if (closed != null) {
                return new Result(Outcome.CLOSED, closed + (received.size() > 0 ? " after a part of a status line"
                        : ""));
            }
            readOnce(POLL_MILLIS);
        }
        return new Result(Outcome.HUNG, received.size() > 0 ? "an unfinished status line" : "nothing");
    }

    /** After an answer, the socket must close by the deadline: the keep-alive timeout's part. */
    private Result awaitClose(String answer, long deadline) {
        while (closed == null && System.nanoTime() < deadline) {
            received.reset();
            readOnce(POLL_MILLIS);
        }
        return closed != null ? new Result(Outcome.ANSWERED, answer + ", then " + closed)
                : new Result(Outcome.HUNG, answer + ", then held open");
    }

    private void readOnce(long timeoutMillis) {
        byte[] buffer = new byte[8192];
        try {
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, timeoutMillis));
            int read = in.read(buffer);
            if (read < 0) {
                closed = "TCP close";
            } else if (received.size() < KEPT) {
                received.write(buffer, 0, read);
            }
        } catch (SocketTimeoutException e) {
            // Nothing yet.
        } catch (IOException e) {
            closed = "TCP reset";
        }
    }
}
