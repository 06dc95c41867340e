package dev.switchboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.testing.EventStream;
import dev.switchboard.testing.RawRequest;
import dev.switchboard.testing.RawWebSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * For {@link TokenLoggingRun}: uses connection tokens on {@code /open} over every transport and on the error
 * paths (an unknown token, an ended connection, a token already in use, a refused origin), and writes each token
 * it used to a file, so that the test can look for them in the log without this run ever printing one.
 */
final class ConnectionTokenTraffic {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EVIL = "Origin: http://evil.example.com";
    private static final String[] UPGRADE = {"Upgrade: websocket", "Connection: Upgrade",
        "Sec-WebSocket-Version: 13", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=="};

    private final int port;
    private final List<String> used = new ArrayList<>();

    private ConnectionTokenTraffic(int port) {
        this.port = port;
    }

    static void run(int port, Path tokenFile) throws Exception {
        ConnectionTokenTraffic traffic = new ConnectionTokenTraffic(port);
        try {
            traffic.webSocket();
            traffic.longPolling();
            traffic.serverSentEvents();
            traffic.errors();
        } finally {
            Files.write(tokenFile, traffic.used);
        }
    }

    private String negotiate() throws Exception {
        RawRequest.Answer answer = expect(200, RawRequest.send(port, "POST", "/open/negotiate?negotiateVersion=1"));
        String token = JSON.readTree(answer.body()).get("connectionToken").asText();
        used.add(token);
        return token;
    }

    private void webSocket() throws Exception {
        String token = negotiate();
        try (RawWebSocket socket = RawWebSocket.connect(URI.create("ws://localhost:" + port + "/open?id=" + token))) {
            socket.sendText(RawWebSocket.JSON_HANDSHAKE);
            socket.next();
            expect(409, RawRequest.send(port, "GET", "/open?id=" + token, UPGRADE));
            expect(405, RawRequest.send(port, "POST", "/open?id=" + token));
        }
    }

    private void longPolling() throws Exception {
        String token = negotiate();
        expect(200, RawRequest.send(port, "GET", "/open?id=" + token));
        expect(200, RawRequest.post(port, "/open?id=" + token, RawWebSocket.JSON_HANDSHAKE));
        expect(200, RawRequest.send(port, "GET", "/open?id=" + token));
        expect(400, RawRequest.send(port, "GET", "/open?id=" + token, "Accept: text/event-stream"));
        expect(202, RawRequest.send(port, "DELETE", "/open?id=" + token));
        expect(204, RawRequest.send(port, "GET", "/open?id=" + token));
    }

    private void serverSentEvents() throws Exception {
        String token = negotiate();
        try (EventStream events = EventStream.open("http://localhost:" + port + "/open?id=" + token)) {
            expect(200, RawRequest.post(port, "/open?id=" + token, RawWebSocket.JSON_HANDSHAKE));
            events.next();
        }
    }

    private void errors() throws Exception {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        String unknown = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        used.add(unknown);
        expect(404, RawRequest.send(port, "GET", "/open?id=" + unknown));
        expect(404, RawRequest.send(port, "POST", "/open?id=" + unknown));
        expect(404, RawRequest.send(port, "GET", "/open?id=" + unknown, UPGRADE));
        String refused = negotiate();
        expect(403, RawRequest.send(port, "GET", "/open?id=" + refused, EVIL));
        expect(403, RawRequest.send(port, "OPTIONS", "/open?id=" + refused, EVIL,
                "Access-Control-Request-Method: GET"));
        String[] upgradeFromEvil = List.of(EVIL, UPGRADE[0], UPGRADE[1], UPGRADE[2], UPGRADE[3])
                .toArray(String[]::new);
        expect(403, RawRequest.send(port, "GET", "/open?id=" + refused, upgradeFromEvil));
    }

    private static RawRequest.Answer expect(int status, RawRequest.Answer answer) {
        if (answer.status() != status) {
            throw new AssertionError("Expected " + status + ", got " + answer.status() + " " + answer.reason());
        }
        return answer;
    }
}
