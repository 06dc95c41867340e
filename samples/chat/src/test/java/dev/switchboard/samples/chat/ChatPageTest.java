package dev.switchboard.samples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.HubServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The placeholder page at {@code /}, served from the classpath folder {@code static}. */
class ChatPageTest {

    @Test
    void rootServesThePlaceholderPage() throws Exception {
        try (HubServer server = ChatServer.create(0).start()) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/"))
                    .timeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

            assertEquals(200, response.statusCode());
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/html"),
                    () -> "Content-Type: " + response.headers().firstValue("Content-Type"));
            assertTrue(response.body().startsWith("<!DOCTYPE html>"), response.body());
            assertTrue(response.body().contains("<code>/chat</code>"), response.body());
        }
    }
}
