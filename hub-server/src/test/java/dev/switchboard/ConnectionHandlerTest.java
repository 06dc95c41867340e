package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.fixtures.EchoConnectionHandler;
import dev.switchboard.fixtures.SecureConnectionHandler;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.EventStream;
import dev.switchboard.testing.RawHttp;
import dev.switchboard.testing.RawWebSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Connection handlers on the wire, with raw clients: the echo over WebSockets with and without negotiate and over
 * long polling, SignalR's statuses for what a client gets wrong (an unknown token, an oversize message, no
 * credentials for an {@code @Authorize} handler, a foreign origin), the server's close, a client that lets the
 * outgoing buffer fill, a client that floods empty messages at a busy handler, shutdown, the expiry of an unused negotiated connection, the keep-alive comment of an idle
 * event stream, and mapping mistakes.
 * {@link ConnectionHandlerNodeTest} runs the official client and ours over every transport.
 */
class ConnectionHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RS = RawWebSocket.RS;
    private static final int MAX_MESSAGE = 4096;
    private static HubServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        server = HubServer.builder().port(0)
                .authenticator(new JwtAuthenticator(Jwts.SECRET))
                .connectionHandler("/echo", EchoConnectionHandler.class, HubOptions.defaults()
                        .withMaximumReceiveMessageSize(MAX_MESSAGE).withMaximumSendBufferSize(8 * 1024))
                .connectionHandler("/secure", new SecureConnectionHandler())
                .build().start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private URI ws(String pathAndQuery) {
        return URI.create("ws://localhost:" + server.port() + pathAndQuery);
    }

    private HttpResponse<String> post(String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port()
                + pathAndQuery)).timeout(Await.TIMEOUT).POST(HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A POST of text, as browsers and the official JavaScript client send strings: {@code text/plain}. */
    private HttpResponse<String> postText(String token, String text) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + "/echo?id=" + token))
                .timeout(Await.TIMEOUT).header("Content-Type", "text/plain;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(text)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int statusOfPost(RawHttp raw, String token) {
        try {
            return raw.post(token, "late").statusCode();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static int upgradeStatus(URI uri) {
        ExecutionException failed = assertThrows(ExecutionException.class, () -> RawWebSocket.connect(uri));
        return ((WebSocketHandshakeException) failed.getCause()).getResponse().statusCode();
    }

    @Test
    void webSocketEchoesTextAsTextAndBytesAsBytesWithNoHandshake() throws Exception {
        RawWebSocket client = RawWebSocket.connect(ws("/echo"));
        client.sendText("héllo ✓" + RS);
        assertEquals("héllo ✓", client.next());
        assertEquals(Boolean.TRUE, client.frameWasText.poll(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        byte[] bytes = {0, 1, 2, (byte) 0xff};
        client.sendBinary(bytes);
        assertArrayEquals(bytes, client.binaryMessages.poll(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        assertEquals(Boolean.FALSE, client.frameWasText.poll(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        client.close();
    }

    @Test
    void negotiateGivesATokenThatOpensAWebSocket() throws Exception {
        HttpResponse<String> negotiated = post("/echo/negotiate?negotiateVersion=1");
        assertEquals(200, negotiated.statusCode());
        JsonNode body = JSON.readTree(negotiated.body());
        assertEquals(1, body.get("negotiateVersion").asInt());
        assertEquals(3, body.get("availableTransports").size());
        assertFalse(body.has("useStatefulReconnect"));
        String token = body.get("connectionToken").asText();
        RawWebSocket client = RawWebSocket.connect(ws("/echo?id=" + token));
        client.sendText("one" + RS);
        assertEquals("one", client.next());
        // The token is in use now.
        assertEquals(409, upgradeStatus(ws("/echo?id=" + token)));
        client.sendText("close");
        assertEquals(1000, client.awaitClose());
    }

    @Test
    void unknownTokenIs404OnEveryTransport() throws Exception {
        assertEquals(404, upgradeStatus(ws("/echo?id=nonesuch")));
        RawHttp raw = new RawHttp(server.port(), "/echo");
        assertEquals(404, raw.poll("nonesuch").statusCode());
        assertEquals(404, raw.post("nonesuch", "hello").statusCode());
    }

    @Test
    void longPollingEchoesAndEndsWith204WhenTheServerCloses() throws Exception {
        RawHttp raw = new RawHttp(server.port(), "/echo");
        String token = raw.negotiate();
        assertEquals(200, raw.poll(token).statusCode());
        assertEquals(200, raw.post(token, "ping").statusCode());
        assertEquals("ping", raw.poll(token).body());
        postText(token, "close");
        assertEquals(204, raw.poll(token).statusCode());
    }

    @Test
    void anOversizeMessageClosesTheWebSocketWith1009AndIsRefusedWith413OverHttp() throws Exception {
        RawWebSocket client = RawWebSocket.connect(ws("/echo"));
        client.sendText("x".repeat(MAX_MESSAGE + 1));
        assertEquals(1009, client.awaitClose());

        RawHttp raw = new RawHttp(server.port(), "/echo");
        String token = raw.negotiate();
        assertEquals(200, raw.poll(token).statusCode());
        HttpResponse<String> tooLarge = raw.post(token, "x".repeat(MAX_MESSAGE + 1));
        assertEquals(413, tooLarge.statusCode());
        // The connection goes on.
        raw.post(token, "still here");
        assertEquals("still here", raw.poll(token).body());
        raw.delete(token);
    }

    @Test
    void aClientThatLetsTheSendBufferFillIsDisconnected() throws Exception {
        RawHttp raw = new RawHttp(server.port(), "/echo");
        String token = raw.negotiate();
        assertEquals(200, raw.poll(token).statusCode());
        HttpResponse<String> posted = postText(token, "flood 100");
        assertEquals(200, posted.statusCode());
        Await.until(() -> EchoConnectionHandler.CLOSED.stream().anyMatch(line -> line.contains("too slow")),
                "the handler to hear that the client was too slow");
    }

    @Test
    void authorizeRequiresAUser() throws Exception {
        HttpResponse<String> anonymous = post("/secure/negotiate?negotiateVersion=1");
        assertEquals(401, anonymous.statusCode());
        assertEquals(401, upgradeStatus(ws("/secure")));
        RawWebSocket client = RawWebSocket.connect(ws("/secure?access_token=" + Jwts.token("alice")));
        client.sendText("who" + RS);
        assertEquals("alice who", client.next());
        client.close();
    }

    @Test
    void emptyMessagesFloodedAtABusyHandlerCloseTheWebSocketWith1008() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ConnectionHandler busy = connection -> connection.onMessage(message -> {
            try {
                release.await(Await.TIMEOUT.toSeconds() * 3, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try (HubServer own = HubServer.builder().port(0).connectionHandler("/busy", busy).build().start()) {
            try {
                RawWebSocket client = RawWebSocket.connect(URI.create("ws://localhost:" + own.port() + "/busy"));
                try {
                    // Far more than the inbox bound allows once each message costs its overhead.
                    for (int i = 0; i < 100_000 && !client.closeCode.isDone(); i++) {
                        client.sendText("");
                    }
                } catch (Exception e) {
                    // The server closed while frames were still going out.
                }
                // The server closes with 1008; a client still flooding may instead find the socket closed behind
                // that Close (a broken pipe). Without the bound the connection would stay open.
                Integer code = client.closeCode.handle((closed, failure) -> failure == null ? closed : null)
                        .get(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                if (code != null) {
                    assertEquals(1008, code);
                }
            } finally {
                release.countDown();
            }
        }
    }

    @Test
    void shutdownClosesRawConnectionsWith1000() throws Exception {
        try (HubServer own = HubServer.builder().port(0)
                .connectionHandler("/echo", EchoConnectionHandler.class).build().start()) {
            RawWebSocket client = RawWebSocket.connect(URI.create("ws://localhost:" + own.port() + "/echo"));
            client.sendText("up" + RS);
            assertEquals("up", client.next());
            assertEquals(1, own.connectionCount());
            own.close();
            assertEquals(1000, client.awaitClose());
            assertTrue(own.connectionCount() == 0);
        }
    }

    @Test
    void aNegotiatedConnectionNoTransportTakesUpExpires() throws Exception {
        try (HubServer own = HubServer.builder().port(0).connectionHandler("/echo", EchoConnectionHandler.class,
                HubOptions.defaults().withDisconnectTimeout(Duration.ofMillis(200))).build().start()) {
            RawHttp raw = new RawHttp(own.port(), "/echo");
            String token = raw.negotiate();
            Await.until(() -> statusOfPost(raw, token) == 404, "the negotiated connection to expire");
        }
    }

    @Test
    void anIdleEventStreamGetsACommentThatIsNoMessage() throws Exception {
        try (HubServer own = HubServer.builder().port(0).connectionHandler("/echo", EchoConnectionHandler.class,
                HubOptions.defaults().withKeepAliveInterval(Duration.ofMillis(200))).build().start()) {
            RawHttp raw = new RawHttp(own.port(), "/echo");
            String token = raw.negotiate();
            try (EventStream stream = EventStream.open("http://localhost:" + own.port() + "/echo?id=" + token)) {
                assertEquals(":", Await.next(stream.comments, "the first comment"));
                assertEquals(":", Await.next(stream.comments, "a keep-alive comment"));
                assertEquals(":", Await.next(stream.comments, "another keep-alive comment"));
                assertTrue(stream.records.isEmpty(), "a comment is no event");
                assertEquals(200, raw.post(token, "after").statusCode());
                assertEquals("after", stream.next());
            }
            Await.until(() -> own.connectionCount() == 0, "the connection to end with its stream");
        }
    }

    @Test
    void mappingMistakesFailTheBuild() {
        IllegalArgumentException taken = assertThrows(IllegalArgumentException.class, () -> HubServer.builder()
                .hub("/echo", dev.switchboard.fixtures.TestHub.class)
                .connectionHandler("/echo", EchoConnectionHandler.class));
        assertTrue(taken.getMessage().contains("already mapped at /echo"), taken.getMessage());
        IllegalArgumentException noAuthenticator = assertThrows(IllegalArgumentException.class, () ->
                HubServer.builder().port(0).connectionHandler("/secure", SecureConnectionHandler.class).build());
        assertTrue(noAuthenticator.getMessage().startsWith("Connection handler "
                + SecureConnectionHandler.class.getName() + " uses @Authorize"), noAuthenticator.getMessage());
    }

    @Test
    void aForeignOriginIsRefusedWith403AsForHubs() throws Exception {
        // The default policy is the same origin only; this server's is localhost, not example.com.
        assertEquals(403, post("/echo/negotiate?negotiateVersion=1", "Origin", "https://evil.example.com")
                .statusCode());
        HttpClient client = HttpClient.newHttpClient();
        ExecutionException refused = assertThrows(ExecutionException.class, () -> client.newWebSocketBuilder()
                .header("Origin", "https://evil.example.com").buildAsync(ws("/echo"), new WebSocket.Listener() { })
                .get(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        assertEquals(403, ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode());
    }
}
