package dev.switchboard.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.testing.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;

/** Plain HTTP against a hub: negotiate, polls, sends and deletes, byte for byte. */
public final class RawHttp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Await.TIMEOUT).build();
    private final String base;

    /** A client of the hub at {@code hubPath} on localhost:{@code port}. */
    public RawHttp(int port, String hubPath) {
        this.base = "http://localhost:" + port + hubPath;
    }

    /** Negotiates version 1 and returns the connection token. */
    public String negotiate() throws Exception {
        HttpResponse<String> response = send("POST", base + "/negotiate?negotiateVersion=1", "");
        return JSON.readTree(response.body()).get("connectionToken").asText();
    }

    /** Negotiates, opens long polling and completes the handshake; returns the token, with no poll waiting. */
    public String handshaken() throws Exception {
        String token = negotiate();
        assertEquals(200, poll(token).statusCode());
        post(token, RawWebSocket.JSON_HANDSHAKE);
        assertEquals("{}" + RawWebSocket.RS, poll(token).body());
        return token;
    }

    /** One long poll of the connection with this token. */
    public HttpResponse<String> poll(String token) throws Exception {
        return send("GET", base + "?id=" + token + "&_=" + System.nanoTime(), null);
    }

    /** One long poll of the connection with this token, its body as bytes, as MessagePack's records need. */
    public HttpResponse<byte[]> pollBytes(String token) throws Exception {
        return http.send(request("GET", base + "?id=" + token + "&_=" + System.nanoTime(), null),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** One long poll, left waiting while the test goes on. */
    public CompletableFuture<HttpResponse<String>> pollAsync(String token) {
        return http.sendAsync(request("GET", base + "?id=" + token + "&_=" + System.nanoTime(), null),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A POST of {@code body} to the connection with this token, as the long-polling and SSE clients send. */
    public HttpResponse<String> post(String token, String body) throws Exception {
        return send("POST", base + "?id=" + token, body);
    }

    /** A POST of raw bytes, for bodies a string cannot hold, such as invalid UTF-8. */
    public HttpResponse<String> post(String token, byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "?id=" + token)).timeout(Await.TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A DELETE of the connection with this token, as a client ends it. */
    public HttpResponse<String> delete(String token) throws Exception {
        return send("DELETE", base + "?id=" + token, null);
    }

    /** Any request to {@code url}, accepting any type; a null body sends none. */
    public HttpResponse<String> send(String method, String url, String body) throws Exception {
        return send(method, url, body, "*/*");
    }

    /** Any request to {@code url} with this {@code Accept} header; a null body sends none. */
    public HttpResponse<String> send(String method, String url, String body, String accept) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Await.TIMEOUT).header("Accept", accept)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(String method, String url, String body) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Await.TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
