package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Negotiate, connection tokens and their expiry, and the HTTP statuses SignalR gives for misuse. */
class HttpEndpointsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Await.TIMEOUT).build();
    private HubServer server;

    @BeforeEach
    void start() throws Exception {
        // Tokens of /test keep the default disconnect timeout, so that they stay valid however slowly a loaded
        // machine runs a test; /expiring's expire soon, yet not before its test's first request.
        server = HubServer.builder().port(0).hub("/test", TestHub.class).hub("/other", TestHub.class)
                .hub("/expiring", TestHub.class, HubOptions.defaults().withDisconnectTimeout(Duration.ofSeconds(2)))
                .build().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private URI http(String pathAndQuery) {
        return URI.create("http://localhost:" + server.port() + pathAndQuery);
    }

    private URI ws(String pathAndQuery) {
        return URI.create("ws://localhost:" + server.port() + pathAndQuery);
    }

    private HttpResponse<String> send(String method, String pathAndQuery) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(http(pathAndQuery)).timeout(Await.TIMEOUT)
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode negotiate(String query) throws Exception {
        return negotiate("/test", query);
    }

    private JsonNode negotiate(String hub, String query) throws Exception {
        HttpResponse<String> response = send("POST", hub + "/negotiate" + query);
        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        return JSON.readTree(response.body());
    }

    private static int refusedUpgrade(URI uri) {
        ExecutionException failure = assertThrows(ExecutionException.class, () -> RawWebSocket.connect(uri));
        return ((WebSocketHandshakeException) failure.getCause()).getResponse().statusCode();
    }

    @Test
    void negotiateVersionOneHasASeparateSecretToken() throws Exception {
        JsonNode body = negotiate("?negotiateVersion=1");
        assertEquals(1, body.get("negotiateVersion").asInt());
        String id = body.get("connectionId").asText();
        String token = body.get("connectionToken").asText();
        assertNotEquals(id, token);
        assertTrue(id.matches("[A-Za-z0-9_-]{22}") && token.matches("[A-Za-z0-9_-]{22}"), id + " " + token);
        assertEquals("[{\"transport\":\"WebSockets\",\"transferFormats\":[\"Text\",\"Binary\"]},"
                + "{\"transport\":\"ServerSentEvents\",\"transferFormats\":[\"Text\"]},"
                + "{\"transport\":\"LongPolling\",\"transferFormats\":[\"Text\",\"Binary\"]}]",
                body.get("availableTransports").toString());
        try (RawWebSocket client = RawWebSocket.handshaken(ws("/test?id=" + token))) {
            client.sendText("{\"type\":1,\"invocationId\":\"1\",\"target\":\"whoAmI\",\"arguments\":[]}"
                    + RawWebSocket.RS);
            assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":\"" + id + "\"}", client.next());
        }
        assertEquals(404, refusedUpgrade(ws("/test?id=" + id)), "the public id is not a token");
    }

    @Test
    void negotiateVersionZeroUsesTheIdAsToken() throws Exception {
        JsonNode body = negotiate("");
        assertEquals(0, body.get("negotiateVersion").asInt());
        assertTrue(body.get("connectionToken") == null);
        RawWebSocket.handshaken(ws("/test?id=" + body.get("connectionId").asText())).close();
    }

    @Test
    void negotiateVersionsAreReadAsTheDotNetServerReadsThem() throws Exception {
        assertEquals(1, negotiate("?NEGOTIATEVERSION=7").get("negotiateVersion").asInt());
        assertEquals("The client requested a non-integer protocol version.",
                negotiate("?negotiateVersion=one").get("error").asText());
        assertEquals("The client requested version '-1', but the server does not support this version.",
                negotiate("?negotiateVersion=-1").get("error").asText());
    }

    @Test
    void pathsNoHubClaimsAre404EvenWithoutStaticContent() throws Exception {
        for (String path : new String[] {"/", "/missing", "/missing/negotiate", "/test/negotiate/more"}) {
            assertEquals(404, send("POST", path).statusCode(), path);
            assertEquals(404, send("GET", path).statusCode(), path);
        }
    }

    @Test
    void everyServerServesTheBundledClient() throws Exception {
        HttpResponse<String> module = send("GET", "/switchboard/switchboard.mjs");
        assertEquals(200, module.statusCode());
        assertTrue(module.headers().firstValue("Content-Type").orElseThrow().startsWith("text/javascript"));
        assertTrue(module.body().contains("export {"), "an ES module");
        HttpResponse<String> script = send("GET", "/switchboard/switchboard.min.js");
        assertEquals(200, script.statusCode());
        assertTrue(script.headers().firstValue("Content-Type").orElseThrow().contains("javascript"));
        assertTrue(script.body().contains("globalThis.signalR"), "defines the global signalR");
        assertEquals(404, send("GET", "/switchboard/missing.js").statusCode());
    }

    @Test
    void negotiateTakesPostOnly() throws Exception {
        HttpResponse<String> response = send("GET", "/test/negotiate");
        assertEquals(405, response.statusCode());
        assertEquals("POST", response.headers().firstValue("Allow").orElseThrow());
    }

    @Test
    void upgradesForUnknownUsedOrForeignConnectionsAreRefusedWithAStatus() throws Exception {
        assertEquals(404, refusedUpgrade(ws("/test?id=nope")));
        String token = negotiate("?negotiateVersion=1").get("connectionToken").asText();
        assertEquals(404, refusedUpgrade(ws("/other?id=" + token)), "a token belongs to its hub");
        RawWebSocket first = RawWebSocket.handshaken(ws("/test?id=" + token));
        assertEquals(409, refusedUpgrade(ws("/test?id=" + token)));
        first.close();
    }

    @Test
    void plainRequestsToAHubGetSignalRsStatuses() throws Exception {
        assertEquals(400, send("GET", "/test").statusCode());
        assertEquals("Connection ID required", send("GET", "/test").body());
        assertEquals(404, send("GET", "/test?id=nope").statusCode());
        assertEquals(404, send("POST", "/test?id=nope").statusCode());
        assertEquals(405, send("PUT", "/test?id=nope").statusCode());
        String token = negotiate("?negotiateVersion=1").get("connectionToken").asText();
        RawWebSocket client = RawWebSocket.handshaken(ws("/test?id=" + token));
        HttpResponse<String> post = send("POST", "/test?id=" + token);
        assertEquals(405, post.statusCode());
        assertEquals("POST requests are not allowed for WebSocket connections.", post.body());
        assertEquals(400, send("GET", "/test?id=" + token).statusCode());
        assertEquals(400, send("DELETE", "/test?id=" + token).statusCode());
        client.close();
    }

    @Test
    void negotiatedConnectionsThatAreNeverUsedExpire() throws Exception {
        String token = negotiate("/expiring", "?negotiateVersion=1").get("connectionToken").asText();
        assertEquals("Cannot terminate this connection using the DELETE endpoint.",
                body("DELETE", "/expiring?id=" + token));
        Await.until(() -> body("DELETE", "/expiring?id=" + token).equals("No Connection with that ID"),
                "the unused connection to expire");
        assertEquals(404, refusedUpgrade(ws("/expiring?id=" + token)));
    }

    @Test
    void anH2cUpgradeHeaderDoesNotHangAPost() throws Exception {
        HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        HttpResponse<String> response = http2.send(HttpRequest.newBuilder(http("/test/negotiate?negotiateVersion=1"))
                .timeout(Await.TIMEOUT).POST(HttpRequest.BodyPublishers.ofString("ignored")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("connectionToken"));
    }

    private String body(String method, String pathAndQuery) {
        try {
            return send(method, pathAndQuery).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
