package dev.switchboard;

import static dev.switchboard.testing.RawWebSocket.JSON_HANDSHAKE;
import static dev.switchboard.testing.RawWebSocket.RS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.fixtures.TestHub;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.EventStream;
import dev.switchboard.testing.RawHttp;
import dev.switchboard.testing.RawWebSocket;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of HTTP misuse of a hub, each with its status and reason, as SignalR's
 * HttpConnectionDispatcher words them where a client could depend on it: wrong methods, missing, unknown,
 * foreign and expired ids, a connection id used as its token, and switching transports mid-connection.
 * One table, each row a connection in a given state and a request that misuses it. After every case a
 * {@link Bystander} still gets its answers.
 */
class BadHttpCorpusTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KEY = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";
    private static HubServer server;
    private static RawHttp raw;
    @RegisterExtension
    final Bystander.EachTest bystander = new Bystander.EachTest(() -> server, "/test");

    /** The state the connection of a row is in before its request. */
    enum Given { NOTHING, NEGOTIATED, LONG_POLLING, EVENT_STREAM, WEB_SOCKET }

    /**
     * A request and its answer. {@code method} is an HTTP method, or EVENTS for a GET asking for an event
     * stream, or UPGRADE for a WebSocket upgrade; {@code {token}} and {@code {id}} in {@code target} stand
     * for the connection's token and public id; {@code allow} is the Allow header expected, or null.
     */
    record Misuse(Given given, String method, String target, int status, String reason, String allow) {
    }

    @BeforeAll
    static void start() throws Exception {
        // Tokens of /test keep the default disconnect timeout, so that they stay valid however slowly a loaded
        // machine runs a test; /expiring's expire soon, yet not before its test's first request.
        server = HubServer.builder().port(0).hub("/test", TestHub.class).hub("/other", TestHub.class)
                .hub("/expiring", TestHub.class, HubOptions.defaults().withDisconnectTimeout(Duration.ofSeconds(2)))
                .hub("/polling-only", TestHub.class, HubOptions.defaults().withTransports(Transport.LONG_POLLING))
                .build().start();
        raw = new RawHttp(server.port(), "/test");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Arguments row(String kind, Given given, String method, String target, int status, String reason) {
        return arguments(kind, new Misuse(given, method, target, status, reason, null));
    }

    private static Arguments row(String kind, Given given, String method, String target, int status, String reason,
                                 String allow) {
        return arguments(kind, new Misuse(given, method, target, status, reason, allow));
    }

    static Stream<Arguments> misuses() {
        String noId = "Connection ID required";
        String unknown = "No Connection with that ID";
        String switching = "Cannot change transports mid-connection";
        String noDelete = "Cannot terminate this connection using the DELETE endpoint.";
        String mine = "/test?id={token}";
        return Stream.of(
                row("negotiate by GET", Given.NOTHING, "GET", "/test/negotiate", 405,
                        "Negotiate takes POST requests only.", "POST"),
                row("negotiate by PUT", Given.NOTHING, "PUT", "/test/negotiate", 405,
                        "Negotiate takes POST requests only.", "POST"),
                row("negotiateVersion not an integer", Given.NOTHING, "POST", "/test/negotiate?negotiateVersion=one",
                        200, "{\"error\":\"The client requested a non-integer protocol version.\"}"),
                row("negotiateVersion negative", Given.NOTHING, "POST", "/test/negotiate?negotiateVersion=-1", 200,
                        "{\"error\":\"The client requested version '-1', but the server does not support this "
                                + "version.\"}"),
                row("a hub path by PUT", Given.NOTHING, "PUT", "/test?id=nope", 405, "Method not allowed.",
                        "GET, POST, DELETE"),
                row("no query string", Given.NOTHING, "GET", "/test", 400, noId),
                row("a query string without id", Given.NOTHING, "GET", "/test?connectionId=x", 400, noId),
                row("an empty id", Given.NOTHING, "POST", "/test?id=", 400, noId),
                row("an unknown id, polled", Given.NOTHING, "GET", "/test?id=nope", 404, unknown),
                row("an unknown id, posted", Given.NOTHING, "POST", "/test?id=nope", 404, unknown),
                row("an unknown id, deleted", Given.NOTHING, "DELETE", "/test?id=nope", 404, unknown),
                row("an unknown id, upgraded", Given.NOTHING, "UPGRADE", "/test?id=nope", 404, unknown),
                row("the public id as token, polled", Given.NEGOTIATED, "GET", "/test?id={id}", 404, unknown),
                row("the public id as token, upgraded", Given.NEGOTIATED, "UPGRADE", "/test?id={id}", 404, unknown),
                row("a token at another hub", Given.NEGOTIATED, "GET", "/other?id={token}", 404, unknown),
                row("a token at another hub, upgraded", Given.NEGOTIATED, "UPGRADE", "/other?id={token}", 404,
                        unknown),
                row("a POST before any transport", Given.NEGOTIATED, "POST", mine, 400,
                        "The connection has no transport yet: open it with a GET first."),
                row("a DELETE before any transport", Given.NEGOTIATED, "DELETE", mine, 400, noDelete),
                row("long polling, then an event stream", Given.LONG_POLLING, "EVENTS", mine, 400, switching),
                row("long polling, then an upgrade", Given.LONG_POLLING, "UPGRADE", mine, 400, switching),
                row("an event stream, then a poll", Given.EVENT_STREAM, "GET", mine, 400, switching),
                row("an event stream, then another", Given.EVENT_STREAM, "EVENTS", mine, 409,
                        "An event stream is already open for this connection."),
                row("an event stream, then an upgrade", Given.EVENT_STREAM, "UPGRADE", mine, 400, switching),
                row("an event stream, then a DELETE", Given.EVENT_STREAM, "DELETE", mine, 400, noDelete),
                row("an event stream, then a POST, as its client sends", Given.EVENT_STREAM, "POST", mine, 200, ""),
                row("a WebSocket, then a POST", Given.WEB_SOCKET, "POST", mine, 405,
                        "POST requests are not allowed for WebSocket connections."),
                row("a WebSocket, then a poll", Given.WEB_SOCKET, "GET", mine, 400, switching),
                row("a WebSocket, then an event stream", Given.WEB_SOCKET, "EVENTS", mine, 400, switching),
                row("a WebSocket, then a DELETE", Given.WEB_SOCKET, "DELETE", mine, 400, noDelete),
                row("a WebSocket, then another upgrade", Given.WEB_SOCKET, "UPGRADE", mine, 409,
                        "Connection ID is already in use"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("misuses")
    void misuseIsAnsweredWithSignalRsStatusAndReason(String kind, Misuse misuse) throws Exception {
        Connection connection = open(misuse.given());
        try {
            String target = misuse.target().replace("{token}", connection.token).replace("{id}", connection.id);
            Answer answer = request(misuse.method(), target);
            assertEquals(misuse.status(), answer.status(), kind);
            assertEquals(misuse.reason(), answer.reason(), kind);
            if (misuse.allow() != null) {
                assertEquals(misuse.allow(), answer.allow(), kind);
            }
        } finally {
            connection.held.close();
        }
    }

    @Test
    void malformedUpgradesAreRefusedWithAStatus() throws Exception {
        assertEquals(new Answer(400, "Missing Sec-WebSocket-Key header", null),
                upgrade("/test", "Sec-WebSocket-Version: 13\r\n"));
        assertEquals(426, upgrade("/test", KEY + "Sec-WebSocket-Version: 8\r\n").status(),
                "Upgrade Required, naming version 13");
        // RFC 6455 upgrades by GET in HTTP/1.1 only: any other request is served as what it is.
        String version = KEY + "Sec-WebSocket-Version: 13\r\n";
        assertEquals(new Answer(405, "Method Not Allowed", null),
                upgrade("PUT", "/test?id=nope", "HTTP/1.1", version));
        assertEquals(new Answer(404, "Not Found", null), upgrade("POST", "/test?id=nope", "HTTP/1.1", version));
        assertEquals(new Answer(404, "Not Found", null), upgrade("GET", "/test?id=nope", "HTTP/1.0", version));
        assertEquals(new Answer(505, "HTTP Version Not Supported", null),
                upgrade("GET", "/test?id=nope", "HTTP/2.0", version));
    }

    @Test
    void aTransportTheHubDoesNotEnableIs404() throws Exception {
        String token = negotiate("/polling-only").get("connectionToken").asText();
        assertEquals(new Answer(404, "ServerSentEvents is not enabled for this hub.", null),
                request("EVENTS", "/polling-only?id=" + token));
        assertEquals(new Answer(404, "WebSockets is not enabled for this hub", null),
                request("UPGRADE", "/polling-only?id=" + token));
    }

    @Test
    void anExpiredIdIsUnknown() throws Exception {
        String token = negotiate("/expiring").get("connectionToken").asText();
        RawHttp expiring = new RawHttp(server.port(), "/expiring");
        assertEquals("Cannot terminate this connection using the DELETE endpoint.", expiring.delete(token).body());
        Await.until(() -> deleted(expiring, token).equals("No Connection with that ID"),
                "the unused connection to expire");
        assertEquals(new Answer(404, "No Connection with that ID", null), upgrade("/expiring?id=" + token));
    }

    @Test
    void ofTwoConcurrentPollsTheOlderEndsWith204AndTheNewerGetsTheData() throws Exception {
        String token = raw.handshaken();
        CompletableFuture<HttpResponse<String>> one = raw.pollAsync(token);
        CompletableFuture<HttpResponse<String>> two = raw.pollAsync(token);
        // Whichever reached the server first is replaced by the other and ends at once.
        assertEquals(204, ((HttpResponse<?>) CompletableFuture.anyOf(one, two).get(10, TimeUnit.SECONDS)).statusCode());
        raw.post(token, "{\"type\":1,\"invocationId\":\"1\",\"target\":\"echo\",\"arguments\":[\"x\"]}" + RS);
        HttpResponse<String> newer = (one.get(10, TimeUnit.SECONDS).statusCode() == 204 ? two : one)
                .get(10, TimeUnit.SECONDS);
        assertEquals(200, newer.statusCode());
        assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":\"x\"}" + RS, newer.body());
        assertEquals(202, raw.delete(token).statusCode());
    }

    private static String deleted(RawHttp http, String token) {
        try {
            return http.delete(token).body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- connections in each state

    /** A connection of /test in a given state, and what ends what it holds open. */
    private static final class Connection {
        String id = "none";
        String token = "none";
        AutoCloseable held = () -> { };
    }

    private static Connection open(Given given) throws Exception {
        Connection connection = new Connection();
        if (given == Given.NOTHING) {
            return connection;
        }
        JsonNode negotiated = negotiate("/test");
        connection.id = negotiated.get("connectionId").asText();
        connection.token = negotiated.get("connectionToken").asText();
        String token = connection.token;
        switch (given) {
            case LONG_POLLING -> {
                assertEquals(200, raw.poll(token).statusCode());
                raw.post(token, JSON_HANDSHAKE);
                assertEquals("{}" + RS, raw.poll(token).body());
                connection.held = () -> raw.delete(token);
            }
            case EVENT_STREAM -> {
                EventStream stream = EventStream.open(http("/test?id=" + token));
                connection.held = stream;
                Await.next(stream.comments, "the stream to open");
                raw.post(token, JSON_HANDSHAKE);
                assertEquals("{}", stream.next());
            }
            case WEB_SOCKET -> connection.held = RawWebSocket.handshaken(
                    URI.create("ws://localhost:" + server.port() + "/test?id=" + token));
            default -> { }
        }
        return connection;
    }

    private static JsonNode negotiate(String hub) throws Exception {
        HttpResponse<String> response = raw.send("POST", http(hub + "/negotiate?negotiateVersion=1"), "");
        assertEquals(200, response.statusCode());
        return JSON.readTree(response.body());
    }

    private static String http(String pathAndQuery) {
        return "http://localhost:" + server.port() + pathAndQuery;
    }

    // ---- requests

    /**
     * What came back: the status, the reason (the body; for a refused upgrade, which Tyrus sends without one,
     * the status line's reason phrase) and the Allow header, if any.
     */
    record Answer(int status, String reason, String allow) {
    }

    private static Answer request(String method, String target) throws Exception {
        if (method.equals("UPGRADE")) {
            return upgrade(target);
        }
        HttpResponse<String> response = method.equals("EVENTS")
                ? raw.send("GET", http(target), null, "text/event-stream")
                : raw.send(method, http(target), method.equals("POST") ? "" : null);
        return new Answer(response.statusCode(), response.body(), response.headers().firstValue("Allow").orElse(null));
    }

    private static Answer upgrade(String target) throws IOException {
        return upgrade(target, KEY + "Sec-WebSocket-Version: 13\r\n");
    }

    /**
     * A WebSocket upgrade over a plain socket, with the given WebSocket headers, since the JDK's client hides
     * a refusal's reason and sends only well-formed upgrades; one refused.
     */
    private static Answer upgrade(String target, String webSocketHeaders) throws IOException {
        return upgrade("GET", target, "HTTP/1.1", webSocketHeaders);
    }

    private static Answer upgrade(String method, String target, String version, String webSocketHeaders)
            throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", server.port()), (int) Await.TIMEOUT.toMillis());
            socket.setSoTimeout((int) Await.TIMEOUT.toMillis());
            String request = method + " " + target + " " + version + "\r\nHost: localhost:" + server.port()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" + webSocketHeaders + "\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                head.write(in.readUnsignedByte());
            }
            String[] statusLine = head.toString(StandardCharsets.US_ASCII).split("\r\n")[0].split(" ", 3);
            return new Answer(Integer.parseInt(statusLine[1]), statusLine[2], null);
        }
    }
}
