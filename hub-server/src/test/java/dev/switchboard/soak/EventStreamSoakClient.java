package dev.switchboard.soak;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * A soak connection over Server-Sent Events: the stream is read line by line as it arrives, records go out as
 * POSTs, one at a time. Cancelling the body's subscription closes the socket, which is how both a stop and an
 * abort end it; a stop first says Close and waits for the server's.
 */
final class EventStreamSoakClient extends SoakClient implements Flow.Subscriber<String> {

    private final HttpPosts posts;
    private volatile Flow.Subscription subscription;
    private StringBuilder data;

    EventStreamSoakClient(HttpClient http, String base, String user, SoakStats stats) {
        super(http, base, user, stats);
        this.posts = new HttpPosts(http);
    }

    @Override
    protected void connect() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + connectionQuery()))
                .header("Accept", "text/event-stream").GET().build();
        http.sendAsync(request, info -> {
            if (info.statusCode() != 200) {
                fail(new IOException("event stream answered " + info.statusCode()));
                return HttpResponse.BodySubscribers.replacing(null);
            }
            return HttpResponse.BodySubscribers.fromLineSubscriber(this);
        }).exceptionally(failure -> {
            fail(failure);
            return null;
        });
    }

    @Override
    protected void write(String record) {
        posts.post(URI.create(base + connectionQuery()), record);
    }

    @Override
    CompletableFuture<Void> stop() {
        write("{\"type\":7}" + RS);
        serverClosed.thenRun(this::abort);
        return ended;
    }

    @Override
    void abort() {
        Flow.Subscription open = subscription;
        if (open != null) {
            open.cancel();
        }
        transportEnded();
    }

    @Override
    public void onSubscribe(Flow.Subscription value) {
        subscription = value;
        value.request(Long.MAX_VALUE);
    }

    /** Lines arrive in order from one subscription, so {@link #data} needs no lock. */
    @Override
    public void onNext(String line) {
        if (line.startsWith(":")) {
            // The server's first comment: the transport is attached, the handshake may go.
            if (!handshaken.isDone() && data == null) {
                sendHandshake();
            }
        } else if (line.startsWith("data: ")) {
            data = data == null ? new StringBuilder() : data.append('\n');
            data.append(line, "data: ".length(), line.length());
        } else if (line.isEmpty() && data != null) {
            received(data);
            data = null;
        }
    }

    @Override
    public void onError(Throwable error) {
        transportEnded();
    }

    @Override
    public void onComplete() {
        transportEnded();
    }
}
