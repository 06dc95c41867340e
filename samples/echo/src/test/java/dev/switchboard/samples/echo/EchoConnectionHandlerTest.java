package dev.switchboard.samples.echo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.HubServer;
import dev.switchboard.testing.EventStream;
import dev.switchboard.testing.RawWebSocket;
import dev.switchboard.testing.TextWebSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The echo connection handler over each transport, with wire-level clients: a WebSocket with and without
 * negotiate, Server-Sent Events and long polling after negotiate, and a message over the limit; the plain
 * endpoint keeps working beside it.
 */
class EchoConnectionHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HubServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TextWebSocket.TIMEOUT).build();

    @BeforeEach
    void start() throws Exception {
        server = EchoServer.create(0).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String url(String pathAndQuery) {
        return "http://localhost:" + server.port() + pathAndQuery;
    }

    private HttpResponse<String> send(String method, String pathAndQuery, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url(pathAndQuery))).timeout(TextWebSocket.TIMEOUT)
                .header("Content-Type", "text/plain;charset=UTF-8")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Negotiates version 1, as the official clients do, and returns the connection token. */
    private String negotiate() throws Exception {
        HttpResponse<String> negotiated = send("POST", EchoConnectionHandler.PATH + "/negotiate?negotiateVersion=1",
                "");
        assertEquals(200, negotiated.statusCode(), negotiated.body());
        return JSON.readTree(negotiated.body()).get("connectionToken").asText();
    }

    @Test
    void aWebSocketGetsTextBackAsTextAndBytesAsBytes() throws Exception {
        RawWebSocket socket = RawWebSocket.connect(URI.create("ws://localhost:" + server.port()
                + EchoConnectionHandler.PATH + "?id=" + negotiate()));
        socket.sendText("héllo ✓" + RawWebSocket.RS);
        assertEquals("héllo ✓", socket.next());
        byte[] bytes = {0, 1, 2, (byte) 0xff};
        socket.sendBinary(bytes);
        assertArrayEquals(bytes, socket.binaryMessages.poll(TextWebSocket.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        socket.close();
    }

    @Test
    void aWebSocketMayAlsoSkipNegotiateAndAMessageOverTheLimitClosesItWith1009() throws Exception {
        try (TextWebSocket socket = TextWebSocket.connect(URI.create("ws://localhost:" + server.port()
                + EchoConnectionHandler.PATH))) {
            socket.send("hello");
            assertEquals("hello", socket.next());
            socket.send("x".repeat(EchoConnectionHandler.MAX_MESSAGE_BYTES + 1));
            assertEquals(1009, socket.awaitClosed().code());
        }
    }

    @Test
    void serverSentEventsCarryTheEchoOfEachPost() throws Exception {
        String token = negotiate();
        try (EventStream events = EventStream.open(url(EchoConnectionHandler.PATH + "?id=" + token))) {
            assertEquals(200, events.response.statusCode());
            assertEquals(200, send("POST", EchoConnectionHandler.PATH + "?id=" + token, "over SSE").statusCode());
            assertEquals("over SSE", events.next());
        }
    }

    @Test
    void longPollingAnswersAPollWithTheEchoAndADeleteEndsIt() throws Exception {
        String token = negotiate();
        String connection = EchoConnectionHandler.PATH + "?id=" + token;
        assertEquals(200, send("GET", connection, null).statusCode());
        assertEquals(200, send("POST", connection, "over long polling").statusCode());
        assertEquals("over long polling", send("GET", connection, null).body());
        assertEquals(413, send("POST", connection, "x".repeat(EchoConnectionHandler.MAX_MESSAGE_BYTES + 1))
                .statusCode());
        assertEquals(202, send("DELETE", connection, null).statusCode());
        assertEquals(404, send("POST", connection, "gone").statusCode());
    }

    @Test
    void thePlainEndpointStillEchoesBesideIt() throws Exception {
        try (TextWebSocket socket = TextWebSocket.connect(URI.create("ws://localhost:" + server.port()
                + EchoEndpoint.PATH))) {
            socket.send("plain");
            assertEquals("plain", socket.next());
        }
    }
}
