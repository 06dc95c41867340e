package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.fixtures.TestHub;
import dev.switchboard.testing.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /} on a server without static content, where a newcomer's browser goes first: a 404 that says how to
 * serve a page, and where the hubs and the client script are. Other paths, and servers with static content, are
 * not concerned.
 */
class RootPageTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Await.TIMEOUT).build();

    @Test
    void theRootOfAServerWithoutStaticContentSaysHowToServeAPage() throws Exception {
        try (HubServer server = HubServer.builder().port(0).hub("/chat", TestHub.class).hub("/ticker", TestHub.class)
                .stopAtShutdown(false).build().start()) {
            HttpResponse<String> root = get(server, "/");
            assertEquals(404, root.statusCode());
            assertEquals("text/plain; charset=utf-8", root.headers().firstValue("Content-Type").orElseThrow());
            String body = root.body();
            assertTrue(body.startsWith("No page is served at /"), body);
            assertTrue(body.contains("Hubs: /chat, /ticker\n"), body);
            assertTrue(body.contains("HubServer.builder().staticResources(\"public\")"), body);
            assertTrue(body.contains("src/main/resources/public/"), body);
            assertTrue(body.contains("/switchboard/switchboard.min.js"), body);
            assertEquals(200, get(server, "/switchboard/switchboard.min.js").statusCode(), "where the body says");

            HttpResponse<String> elsewhere = get(server, "/index.html");
            assertEquals(404, elsewhere.statusCode());
            assertEquals("Nothing is served at /index.html", elsewhere.body());
        }
    }

    @Test
    void aServerWithStaticContentAnswersItsRootItself() throws Exception {
        try (HubServer server = HubServer.builder().port(0).hub("/chat", TestHub.class).staticResources("static-site")
                .stopAtShutdown(false).build().start()) {
            assertEquals(200, get(server, "/hello.txt").statusCode());
            HttpResponse<String> root = get(server, "/");
            assertFalse(root.body().contains("No page is served"), root.body());
        }
    }

    private HttpResponse<String> get(HubServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                .timeout(Await.TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }
}
