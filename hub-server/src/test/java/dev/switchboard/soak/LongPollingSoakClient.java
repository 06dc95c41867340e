package dev.switchboard.soak;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/**
 * A soak connection over long polling: one poll always outstanding, records out as POSTs. A stop is a DELETE,
 * after which the waiting poll is answered 204; an abort just stops polling, as a phone that went away does,
 * and the server ends the connection once no poll has come for its disconnect timeout.
 */
final class LongPollingSoakClient extends SoakClient {

    private final HttpPosts posts;
    private volatile boolean polling = true;

    LongPollingSoakClient(HttpClient http, String base, String user, SoakStats stats) {
        super(http, base, user, stats);
        this.posts = new HttpPosts(http);
    }

    @Override
    protected void connect() {
        poll(true);
    }

    /** The first poll is answered at once and makes the transport; the handshake goes after it. */
    private void poll(boolean first) {
        if (!polling) {
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(uri()).GET().build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            if (failure != null) {
                fail(failure);
            } else if (response.statusCode() == 204) {
                transportEnded();
            } else if (response.statusCode() != 200) {
                fail(new IOException("poll answered " + response.statusCode() + " " + response.body()));
            } else {
                if (first) {
                    sendHandshake();
                } else {
                    received(response.body());
                }
                poll(false);
            }
        });
    }

    @Override
    protected void write(String record) {
        posts.post(uri(), record);
    }

    @Override
    CompletableFuture<Void> stop() {
        http.sendAsync(HttpRequest.newBuilder(uri()).DELETE().build(), HttpResponse.BodyHandlers.discarding());
        return ended;
    }

    @Override
    void abort() {
        polling = false;
        transportEnded();
    }

    private URI uri() {
        return URI.create(base + connectionQuery());
    }
}
