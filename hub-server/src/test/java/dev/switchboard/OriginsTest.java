package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.fixtures.SecureHub;
import dev.switchboard.fixtures.TestHub;
import dev.switchboard.testing.RawRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The origin allow-list byte for byte, over every request a client makes (negotiate, an event stream, a long
 * poll, a send, a delete, a WebSocket upgrade): with no {@code Origin}, from the same origin (also behind a proxy
 * that rewrites {@code Host}), from listed, unlisted and any origins, and preflights. A refusal is 403 with its
 * reason and no CORS headers; an allowed foreign origin is echoed with credentials; after every refusal the
 * server still serves.
 */
class OriginsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APP = "http://app.example.com";
    private static final String ADMIN = "https://admin.example.com:8443";
    private static final String EVIL = "http://evil.example.com";
    private static HubServer sameOriginOnly;
    private static HubServer listed;
    private static HubServer anyOrigin;

    @BeforeAll
    static void start() throws Exception {
        sameOriginOnly = HubServer.builder().port(0).hub("/hub", TestHub.class)
                .endpoint(PlainEndpointTest.ShoutEndpoint.class).build().start();
        listed = HubServer.builder().port(0).allowedOrigins(APP, "HTTPS://Admin.Example.com:8443")
                .authenticator(new JwtAuthenticator(Jwts.SECRET))
                .hub("/hub", TestHub.class).hub("/secure", SecureHub.class).build().start();
        anyOrigin = HubServer.builder().port(0).allowedOrigins("*").hub("/hub", TestHub.class).build().start();
    }

    @AfterAll
    static void stop() {
        for (HubServer server : List.of(sameOriginOnly, listed, anyOrigin)) {
            server.close();
        }
    }

    /** Each request a SignalR client makes, with the status it gets when let in. */
    enum Kind {
        NEGOTIATE(200), EVENT_STREAM(200), LONG_POLL(200), SEND(200), DELETE(202), UPGRADE(101);

        final int allowedStatus;

        Kind(int allowedStatus) {
            this.allowedStatus = allowedStatus;
        }

        /** Sends this request with {@code headers}; a connection it needs is made first, without an origin. */
        RawRequest.Answer send(HubServer server, String... headers) throws Exception {
            int port = server.port();
            return switch (this) {
                case NEGOTIATE -> RawRequest.send(port, "POST", "/hub/negotiate?negotiateVersion=1", headers);
                case EVENT_STREAM -> RawRequest.send(port, "GET", "/hub?id=" + negotiate(server),
                        with(headers, "Accept: text/event-stream"));
                case LONG_POLL -> RawRequest.send(port, "GET", "/hub?id=" + negotiate(server), headers);
                case SEND, DELETE -> {
                    String token = negotiate(server);
                    assertEquals(200, RawRequest.send(port, "GET", "/hub?id=" + token).status());
                    yield this == SEND
                            ? RawRequest.send(port, "POST", "/hub?id=" + token, headers)
                            : RawRequest.send(port, "DELETE", "/hub?id=" + token, headers);
                }
                case UPGRADE -> RawRequest.send(port, "GET", "/hub", with(headers, "Upgrade: websocket",
                        "Connection: Upgrade", "Sec-WebSocket-Version: 13",
                        "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=="));
            };
        }
    }

    private static String negotiate(HubServer server) throws Exception {
        RawRequest.Answer answer = RawRequest.send(server.port(), "POST", "/hub/negotiate?negotiateVersion=1");
        assertEquals(200, answer.status(), answer.body());
        return JSON.readTree(answer.body()).get("connectionToken").asText();
    }

    private static String[] with(String[] headers, String... more) {
        List<String> all = new ArrayList<>(List.of(headers));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    /** Let in, with {@code echoedOrigin} in CORS headers; an upgrade never has them, since browsers ask none. */
    private static void assertLetIn(Kind kind, RawRequest.Answer answer, String origin) {
        assertEquals(kind.allowedStatus, answer.status(), kind + ": " + answer);
        String echoedOrigin = kind == Kind.UPGRADE ? null : origin;
        assertEquals(echoedOrigin, answer.header("Access-Control-Allow-Origin"), kind + ": " + answer);
        if (echoedOrigin != null) {
            assertEquals("true", answer.header("Access-Control-Allow-Credentials"), kind + ": " + answer);
            assertEquals("Origin", answer.header("Vary"), kind + ": " + answer);
        }
    }

    private static void assertRefused(Kind kind, RawRequest.Answer answer, String origin) throws Exception {
        assertEquals(403, answer.status(), kind + ": " + answer);
        String reason = "Origin " + origin + " is not allowed";
        assertEquals(kind == Kind.UPGRADE ? reason : reason + ".", kind == Kind.UPGRADE ? answer.reason()
                : answer.body(), kind + ": " + answer);
        assertNoCorsHeaders(answer);
    }

    private static void assertNoCorsHeaders(RawRequest.Answer answer) {
        for (String name : answer.headers().keySet()) {
            assertEquals(false, name.startsWith("access-control-"), "A CORS header: " + answer);
        }
    }

    /** Another client, with no origin, still negotiates and upgrades on {@code server}. */
    private static void assertStillServes(HubServer server) throws Exception {
        negotiate(server);
        assertEquals(101, Kind.UPGRADE.send(server).status());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aClientWithNoOriginIsLetInWithNoCorsHeaders(Kind kind) throws Exception {
        assertLetIn(kind, kind.send(sameOriginOnly), null);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aPageOfTheSameOriginIsLetInWithNoCorsHeaders(Kind kind) throws Exception {
        assertLetIn(kind, kind.send(sameOriginOnly, "Origin: http://localhost:" + sameOriginOnly.port()), null);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void behindAProxyThatRewritesHostTheBrowsersSecFetchSiteSaysSameOrigin(Kind kind) throws Exception {
        assertLetIn(kind, kind.send(sameOriginOnly, "Origin: http://localhost:1", "Sec-Fetch-Site: same-origin",
                "Host: 127.0.0.1:" + sameOriginOnly.port()), null);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void behindAProxyThatSendsXForwardedHostThePublicHostIsTheSameOrigin(Kind kind) throws Exception {
        assertLetIn(kind, kind.send(sameOriginOnly, "Origin: https://chat.example.com",
                "X-Forwarded-Host: chat.example.com", "Host: 127.0.0.1:" + sameOriginOnly.port()), null);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void byDefaultAForeignOriginIsRefusedWith403(Kind kind) throws Exception {
        assertRefused(kind, kind.send(sameOriginOnly, "Origin: " + EVIL), EVIL);
        assertStillServes(sameOriginOnly);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theBrowsersCrossSiteVerdictOutweighsAMatchingHost(Kind kind) throws Exception {
        String origin = "http://localhost:" + sameOriginOnly.port();
        assertRefused(kind, kind.send(sameOriginOnly, "Origin: " + origin, "Sec-Fetch-Site: cross-site"), origin);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aListedOriginIsEchoedWithCredentials(Kind kind) throws Exception {
        assertLetIn(kind, kind.send(listed, "Origin: " + APP), APP);
        assertLetIn(kind, kind.send(listed, "Origin: " + ADMIN, "Sec-Fetch-Site: cross-site"), ADMIN);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anUnlistedOriginIsRefusedEvenOneDifferingOnlyInSchemeOrPort(Kind kind) throws Exception {
        for (String origin : List.of(EVIL, "https://app.example.com", "http://app.example.com:8080", "null")) {
            assertRefused(kind, kind.send(listed, "Origin: " + origin), origin);
        }
        assertStillServes(listed);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void withAStarAnyOriginIsEchoedNeverTheStar(Kind kind) throws Exception {
        assertLetIn(kind, kind.send(anyOrigin, "Origin: " + EVIL), EVIL);
        assertLetIn(kind, kind.send(anyOrigin, "Origin: null"), "null");
    }

    @Test
    void aPlainWebSocketEndpointKeepsToThePolicyToo() throws Exception {
        String[] upgrade = {"Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Version: 13",
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=="};
        int port = sameOriginOnly.port();
        assertEquals(101, RawRequest.send(port, "GET", "/shout", with(upgrade, "Origin: http://localhost:" + port))
                .status());
        RawRequest.Answer refused = RawRequest.send(port, "GET", "/shout", with(upgrade, "Origin: " + EVIL));
        assertEquals(403, refused.status(), refused.toString());
        assertEquals("Origin " + EVIL + " is not allowed", refused.reason());
    }

    @Test
    void aPreflightFromAListedOriginIs204WithTheMethodsAndHeadersTheClientsUse() throws Exception {
        for (String path : List.of("/hub/negotiate?negotiateVersion=1", "/hub?id=any", "/secure/negotiate",
                "/secure?id=any")) {
            RawRequest.Answer answer = RawRequest.send(listed.port(), "OPTIONS", path, "Origin: " + APP,
                    "Access-Control-Request-Method: POST",
                    "Access-Control-Request-Headers: authorization, x-requested-with, x-signalr-user-agent");
            assertEquals(204, answer.status(), path + ": " + answer);
            assertEquals(APP, answer.header("Access-Control-Allow-Origin"), path);
            assertEquals("true", answer.header("Access-Control-Allow-Credentials"), path);
            assertEquals("GET, POST, DELETE", answer.header("Access-Control-Allow-Methods"), path);
            assertEquals("X-Requested-With, X-SignalR-User-Agent, Authorization, Content-Type",
                    answer.header("Access-Control-Allow-Headers"), path);
            assertEquals("600", answer.header("Access-Control-Max-Age"), path);
            assertEquals("Origin", answer.header("Vary"), path);
        }
    }

    @Test
    void aPreflightFromAnotherOriginIs403WithNoCorsHeaders() throws Exception {
        for (HubServer server : List.of(sameOriginOnly, listed)) {
            for (String path : List.of("/hub/negotiate?negotiateVersion=1", "/hub?id=any")) {
                RawRequest.Answer answer = RawRequest.send(server.port(), "OPTIONS", path, "Origin: " + EVIL,
                        "Access-Control-Request-Method: POST");
                assertEquals(403, answer.status(), path + ": " + answer);
                assertEquals("Origin " + EVIL + " is not allowed.", answer.body());
                assertNoCorsHeaders(answer);
            }
        }
    }

    @Test
    void anOptionsRequestThatIsNoPreflightIsStillAMethodNotAllowed() throws Exception {
        RawRequest.Answer answer = RawRequest.send(listed.port(), "OPTIONS", "/hub?id=any");
        assertEquals(405, answer.status(), answer.toString());
        assertNull(answer.header("Access-Control-Allow-Methods"));
    }
}
