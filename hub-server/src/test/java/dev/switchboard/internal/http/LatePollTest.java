package dev.switchboard.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.internal.connection.HubConnectionContext;
import dev.switchboard.internal.connection.NoOpHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The official Java client sends its DELETE with a poll outstanding, and may send one more poll as it
 * does: whenever that poll arrives, while the connection is ending or after, it is told 204, never 404.
 * Here the end is held half-way, in the hub's {@code onClosed}, to let the poll arrive then.
 */
class LatePollTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final CountDownLatch ending = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private HubHost host;

    @BeforeEach
    void start() throws Exception {
        host = new HubHost(new EndHeldHandler());
    }

    @AfterEach
    void stop() {
        release.countDown();
        host.close();
    }

    @Test
    void aPollArrivingWhileItsConnectionEndsOrJustAfterIsTold204() throws Exception {
        String token = host.connections.create(host.route, true).connection().connectionToken();
        assertEquals(200, send("GET", token).statusCode(), "the first poll starts long polling");
        CompletableFuture<HttpResponse<String>> delete = sendAsync("DELETE", token);
        assertTrue(ending.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS), "the DELETE to start ending the connection");

        assertEquals(204, send("GET", token).statusCode(), "a poll while the connection ends");
        release.countDown();
        assertEquals(202, delete.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS).statusCode());
        assertEquals(204, send("GET", token).statusCode(), "a poll once it has ended");
        assertEquals(404, send("POST", token).statusCode(), "only polls are told of the end");
    }

    private HttpResponse<String> send(String method, String token) throws Exception {
        return sendAsync(method, token).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    private CompletableFuture<HttpResponse<String>> sendAsync(String method, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + host.port() + "/hub?id=" + token))
                .timeout(TIMEOUT).method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Holds the end of a connection in {@code onClosed} until released; nothing else is reached here. */
    private final class EndHeldHandler extends NoOpHandler {

        @Override
        public void onClosed(HubConnectionContext connection) {
            ending.countDown();
            try {
                release.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
