package dev.switchboard.soak;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/** Records sent as POSTs one after another, in order, as the official clients send them. */
final class HttpPosts {

    private final HttpClient http;
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

    HttpPosts(HttpClient http) {
        this.http = http;
    }

    /** A failed send shows as the invocation it carried never completing, which the session counts. */
    synchronized void post(URI uri, String record) {
        HttpRequest request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(record)).build();
        sending = sending.thenCompose(v -> http.sendAsync(request, HttpResponse.BodyHandlers.discarding()))
                .exceptionally(failure -> null);
    }
}
