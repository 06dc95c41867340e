package dev.switchboard.testing;

import dev.switchboard.testing.Await;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Server-Sent Events reader as EventSource reads: comment lines, and events of joined data lines, whose
 * records it splits at 0x1E as the clients do, since one event may carry several.
 */
public final class EventStream implements ServerRecords, AutoCloseable {

    /** The records of the events, in order, without their separators. */
    public final BlockingQueue<String> records = new LinkedBlockingQueue<>();
    /** The comment lines, those that start with a colon, as they came. */
    public final BlockingQueue<String> comments = new LinkedBlockingQueue<>();
    /** The response whose body is the stream: its status and headers. */
    public final HttpResponse<InputStream> response;
    private final Thread reader;

    private EventStream(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "event-stream-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens the event stream at {@code url} and starts reading it on a thread of its own. */
    public static EventStream open(String url) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream").build();
        return new EventStream(http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                .get(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
    }

    @Override
    public String next() throws InterruptedException {
        return Await.next(records, "a record from the server");
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            StringBuilder data = null;
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith(":")) {
                    comments.add(line);
                } else if (line.startsWith("data: ")) {
                    data = data == null ? new StringBuilder() : data.append('\n');
                    data.append(line.substring("data: ".length()));
                } else if (line.isEmpty() && data != null) {
                    split(data.toString());
                    data = null;
                }
            }
        } catch (IOException e) {
            // The stream was closed by the test or the server.
        }
    }

    /** An event holds whole records; a fragment left without a separator is kept, to fail the comparison. */
    private void split(String event) {
        int start = 0;
        int end;
        while ((end = event.indexOf(RawWebSocket.RS, start)) >= 0) {
            records.add(event.substring(start, end));
            start = end + 1;
        }
        if (start < event.length()) {
            records.add(event.substring(start));
        }
    }

    @Override
    public void close() throws IOException {
        response.body().close();
    }
}
