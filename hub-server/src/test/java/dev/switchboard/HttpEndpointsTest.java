package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.fixtures.TestHub;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.RawWebSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Negotiate, connection tokens and the bundled client; misuse and its statuses are in {@link BadHttpCorpusTest}. */
class HttpEndpointsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Await.TIMEOUT).build();
    private HubServer server;

    @BeforeEach
    void start() throws Exception {
        server = HubServer.builder().port(0).hub("/test", TestHub.class).build().start();
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
        HttpResponse<String> msgpackModule = send("GET", "/switchboard/switchboard-msgpack.mjs");
        assertEquals(200, msgpackModule.statusCode());
        assertTrue(msgpackModule.headers().firstValue("Content-Type").orElseThrow().startsWith("text/javascript"));
        assertTrue(msgpackModule.body().contains("MessagePackHubProtocol"), "the MessagePack protocol's module");
        assertTrue(msgpackModule.body().contains("export {"), "an ES module");
        HttpResponse<String> msgpackScript = send("GET", "/switchboard/switchboard-msgpack.min.js");
        assertEquals(200, msgpackScript.statusCode());
        assertTrue(msgpackScript.headers().firstValue("Content-Type").orElseThrow().contains("javascript"));
        assertTrue(msgpackScript.body().contains(".msgpack="), "defines signalR.protocols.msgpack");
        assertEquals(404, send("GET", "/switchboard/missing.js").statusCode());
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
}
