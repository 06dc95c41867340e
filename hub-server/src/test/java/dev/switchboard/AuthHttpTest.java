package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.fixtures.SecureHub;
import dev.switchboard.fixtures.TestHub;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.EventStream;
import dev.switchboard.testing.RawWebSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Authentication byte for byte: where the token may be (query string, header, cookie), the 401 and its
 * challenge, and a connection token replayed by someone else over each transport.
 */
class AuthHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RS = RawWebSocket.RS;
    private static HubServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Await.TIMEOUT).build();

    @BeforeAll
    static void start() throws Exception {
        server = HubServer.builder().port(0)
                .authenticator(new JwtAuthenticator(Jwts.SECRET))
                .accessTokenCookie("switchboard_token")
                .hub("/secure", SecureHub.class)
                .hub("/open", TestHub.class)
                .build().start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private String url(String pathAndQuery) {
        return "http://localhost:" + server.port() + pathAndQuery;
    }

    private HttpResponse<String> send(String method, String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(pathAndQuery))).timeout(Await.TIMEOUT)
                .method(method, method.equals("POST") ? HttpRequest.BodyPublishers.ofString("")
                        : HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String query(String token) {
        return "access_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    /** Negotiates with {@code token} in a header and returns the connection token. */
    private String negotiateAs(String hub, String token) throws Exception {
        HttpResponse<String> negotiated = send("POST", hub + "/negotiate?negotiateVersion=1",
                "Authorization", "Bearer " + token);
        assertEquals(200, negotiated.statusCode(), negotiated.body());
        return JSON.readTree(negotiated.body()).get("connectionToken").asText();
    }

    @Test
    void theTokenIsReadFromTheQueryStringTheHeaderOrTheCookie() throws Exception {
        String token = Jwts.token("alice");
        assertEquals(200, send("POST", "/secure/negotiate?negotiateVersion=1&" + query(token)).statusCode());
        assertEquals(200, send("POST", "/secure/negotiate?negotiateVersion=1",
                "Authorization", "Bearer " + token).statusCode());
        assertEquals(200, send("POST", "/secure/negotiate?negotiateVersion=1",
                "Cookie", "theme=dark; switchboard_token=" + token).statusCode());
        assertEquals(401, send("POST", "/secure/negotiate?negotiateVersion=1",
                "Cookie", "other_cookie=" + token).statusCode());
    }

    @Test
    void aRefusalSaysWhyWithABearerChallenge() throws Exception {
        HttpResponse<String> none = send("POST", "/secure/negotiate?negotiateVersion=1");
        assertEquals(401, none.statusCode());
        assertEquals("", none.body());
        assertEquals("Bearer", none.headers().firstValue("WWW-Authenticate").orElseThrow());

        HttpResponse<String> expired = send("POST", "/secure/negotiate?negotiateVersion=1&"
                + query(Jwts.expired("alice")));
        assertEquals(401, expired.statusCode());
        assertEquals("", expired.body(), "no body, as ASP.NET Core's JWT bearer handler answers");
        assertEquals("Bearer error=\"invalid_token\", error_description=\"Expired JWT\"",
                expired.headers().firstValue("WWW-Authenticate").orElseThrow());

        HttpResponse<String> garbage = send("POST", "/open/negotiate?negotiateVersion=1",
                "Authorization", "Bearer not-a-jwt");
        assertEquals(401, garbage.statusCode());
        assertEquals("", garbage.body());
        assertEquals("Bearer error=\"invalid_token\", error_description=\"The access token is not a JWT.\"",
                garbage.headers().firstValue("WWW-Authenticate").orElseThrow());
    }

    @Test
    void aConnectionTokenIsUselessWithAnotherUsersAccessToken() throws Exception {
        String connection = negotiateAs("/secure", Jwts.token("alice"));
        String bob = query(Jwts.token("bob"));
        assertEquals(403, send("GET", "/secure?id=" + connection + "&" + bob).statusCode());
        assertEquals(403, send("GET", "/secure?id=" + connection + "&" + bob, "Accept", "text/event-stream")
                .statusCode());
        assertEquals(403, send("POST", "/secure?id=" + connection + "&" + bob).statusCode());
        assertEquals(403, send("DELETE", "/secure?id=" + connection + "&" + bob).statusCode());
        assertEquals(401, send("GET", "/secure?id=" + connection).statusCode());
        assertEquals(403, webSocketRefusal("/secure?id=" + connection + "&" + bob));
        assertEquals(401, webSocketRefusal("/secure?id=" + connection));

        // The refusals left alice's connection unharmed: she can still start it.
        try (RawWebSocket alice = RawWebSocket.connect(ws("/secure?id=" + connection + "&"
                + query(Jwts.token("alice"))))) {
            alice.sendText(RawWebSocket.JSON_HANDSHAKE);
            assertEquals("{}", alice.next());
            alice.sendText("{\"type\":1,\"invocationId\":\"1\",\"target\":\"whoAmI\",\"arguments\":[]}" + RS);
            assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":\"alice []\"}", alice.nextNonPing());
        }
    }

    @Test
    void anAnonymousConnectionIsNotTakenByAUserNorAUsersByAnonymous() throws Exception {
        HttpResponse<String> anonymous = send("POST", "/open/negotiate?negotiateVersion=1");
        String anonymousConnection = JSON.readTree(anonymous.body()).get("connectionToken").asText();
        assertEquals(403, send("GET", "/open?id=" + anonymousConnection + "&" + query(Jwts.token("bob")))
                .statusCode());

        String aliceConnection = negotiateAs("/open", Jwts.token("alice"));
        assertEquals(403, send("GET", "/open?id=" + aliceConnection).statusCode());
        assertEquals(403, webSocketRefusal("/open?id=" + aliceConnection));
    }

    @Test
    void longPollingAndServerSentEventsWorkWithTheToken() throws Exception {
        String alice = Jwts.token("alice", "admin");
        String polled = negotiateAs("/secure", alice);
        String withAlice = "/secure?id=" + polled + "&" + query(alice);
        assertEquals(200, send("GET", withAlice).statusCode());
        assertEquals(200, send("POST", withAlice, "Content-Type", "text/plain").statusCode());

        String streamed = negotiateAs("/secure", alice);
        try (EventStream events = EventStream.open(url("/secure?id=" + streamed + "&" + query(alice)))) {
            assertEquals(200, events.response.statusCode());
            HttpResponse<String> handshake = http.send(HttpRequest.newBuilder(URI.create(url("/secure?id="
                            + streamed)))
                    .header("Authorization", "Bearer " + alice)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"protocol\":\"json\",\"version\":1}" + RS
                            + "{\"type\":1,\"invocationId\":\"1\",\"target\":\"adminOnly\",\"arguments\":[]}" + RS))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, handshake.statusCode());
            assertEquals("{}", events.next());
            assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":\"secret\"}", events.nextNonPing());
        }
    }

    private URI ws(String pathAndQuery) {
        return URI.create(url(pathAndQuery).replace("http://", "ws://"));
    }

    /** The status of a refused WebSocket upgrade to {@code pathAndQuery}. */
    private int webSocketRefusal(String pathAndQuery) {
        ExecutionException failure = assertThrows(ExecutionException.class, () -> http.newWebSocketBuilder()
                .buildAsync(ws(pathAndQuery), new WebSocket.Listener() { })
                .get(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        WebSocketHandshakeException refused = assertInstanceOf(WebSocketHandshakeException.class, failure.getCause());
        assertTrue(refused.getResponse().statusCode() >= 400);
        return refused.getResponse().statusCode();
    }
}
