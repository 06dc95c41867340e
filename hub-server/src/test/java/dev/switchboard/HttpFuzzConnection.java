package dev.switchboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.EventStreamSocket;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A negotiated connection over long polling or Server-Sent Events: each frame is one POST, and the server's
 * records come from polls or from the event stream.
 */
final class HttpFuzzConnection implements FuzzConnection {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String url;
    private final Records records = new Records();
    /** Null for long polling. */
    private final EventStreamSocket events;
    private boolean ended;

    private HttpFuzzConnection(HttpClient http, String url, EventStreamSocket events) {
        this.http = http;
        this.url = url;
        this.events = events;
    }

    /** Negotiates and starts the transport: the first poll, or the event stream. */
    static HttpFuzzConnection open(HttpClient http, int port, String path, boolean eventStream) throws Exception {
        String base = "http://localhost:" + port + path;
        HttpResponse<String> negotiated = http.send(request(base + "/negotiate?negotiateVersion=1", Await.TIMEOUT)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        String token = JSON.readTree(negotiated.body()).get("connectionToken").asText();
        String url = base + "?id=" + token;
        if (eventStream) {
            return new HttpFuzzConnection(http, url, EventStreamSocket.open(port, path, token));
        }
        http.send(request(url, Await.TIMEOUT).GET().build(), HttpResponse.BodyHandlers.discarding());
        return new HttpFuzzConnection(http, url, null);
    }

    @Override
    public void send(FrameMutator.Frame frame) throws Exception {
        post(frame.bytes());
    }

    @Override
    public Outcome await(byte[] probe, long deadline) throws Exception {
        post(probe);
        return events == null ? awaitPolls(deadline) : awaitEvents(deadline);
    }

    /** Any status is an answer (200, or 400, 404, 413 for what cannot be taken); only none is not. */
    private void post(byte[] body) throws Exception {
        http.send(request(url, Await.TIMEOUT).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private Outcome awaitPolls(long deadline) throws Exception {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            HttpResponse<String> poll = http.send(request(url, Duration.ofNanos(left)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (poll.statusCode() != 200) {
                ended = true;
                return Outcome.CLOSED;
            }
            Outcome outcome = records.accept(poll.body());
            if (outcome != null) {
                return outcome;
            }
        }
        return Outcome.HUNG;
    }

    private Outcome awaitEvents(long deadline) {
        StringBuilder data = null;
        try {
            String line;
            while ((line = events.nextLine(deadline)) != null) {
                if (line.startsWith("data: ")) {
                    data = data == null ? new StringBuilder() : data.append('\n');
                    data.append(line, "data: ".length(), line.length());
                } else if (line.isEmpty() && data != null) {
                    Outcome outcome = records.accept(data.toString());
                    data = null;
                    if (outcome != null) {
                        return outcome;
                    }
                }
            }
            return Outcome.CLOSED;
        } catch (SocketTimeoutException e) {
            return Outcome.HUNG;
        } catch (IOException e) {
            return Outcome.CLOSED; // a reset
        }
    }

    /** Ends the connection as the clients do: DELETE for long polling, closing the event stream for SSE. */
    @Override
    public void close() {
        if (events != null) {
            events.close();
        } else if (!ended) {
            try {
                http.send(request(url, Await.TIMEOUT).DELETE().build(), HttpResponse.BodyHandlers.discarding());
            } catch (Exception e) {
                // The server ends it anyway once it stops being polled.
            }
        }
    }

    private static HttpRequest.Builder request(String url, Duration timeout) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(timeout);
    }
}
