package dev.switchboard;

import static dev.switchboard.testing.RawWebSocket.RS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.microsoft.signalr.HubConnection;
import dev.switchboard.fixtures.CountingHub;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.RawRequest;
import dev.switchboard.testing.RawWebSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Stateful reconnect byte by byte, over bare WebSockets: negotiate's echo, the version 2 handshake, Acks both
 * ways, a resume with the server's Sequence and resend and the client's deduplicated, a bad Sequence, the
 * budget, the disconnect window and the statuses of a second WebSocket for a token; and the official Java client,
 * which has no stateful reconnect, unchanged against a server that allows it.
 */
class StatefulReconnectProtocolTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] UPGRADE = {"Upgrade: websocket", "Connection: Upgrade",
        "Sec-WebSocket-Version: 13", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=="};
    private static final String VERSION_2 = "{\"protocol\":\"json\",\"version\":2}" + RS;

    private final Injector injector = Guice.createInjector();
    private final CountingHub.Recorder recorder = injector.getInstance(CountingHub.Recorder.class);
    private HubServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(HubOptions options) throws Exception {
        server = HubServer.builder().port(0).injector(injector).options(options).hub("/count", CountingHub.class)
                .build().start();
    }

    private static HubOptions stateful() {
        return HubOptions.defaults().withAllowStatefulReconnects(true);
    }

    private JsonNode negotiate(String query) throws Exception {
        RawRequest.Answer answer = RawRequest.send(server.port(), "POST", "/count/negotiate?negotiateVersion=1" + query);
        assertEquals(200, answer.status());
        return JSON.readTree(answer.body());
    }

    private RawWebSocket open(String token) throws Exception {
        return RawWebSocket.connect(URI.create("ws://localhost:" + server.port() + "/count?id=" + token));
    }

    /** Negotiates stateful reconnect, opens the WebSocket and shakes hands with version 2. */
    private RawWebSocket connected(String[] token) throws Exception {
        token[0] = negotiate("&useStatefulReconnect=true").get("connectionToken").asText();
        RawWebSocket client = open(token[0]);
        client.sendText(VERSION_2);
        assertEquals("{}", client.next());
        return client;
    }

    private static String call(String id, String target, String arguments) {
        return "{\"type\":1,\"invocationId\":\"" + id + "\",\"target\":\"" + target + "\",\"arguments\":" + arguments
                + "}" + RS;
    }

    private static String number(int n) {
        return "{\"type\":1,\"target\":\"number\",\"arguments\":[" + n + "]}";
    }

    /** The next record that is not a Ping or an Ack: those come whenever the server's timers say. */
    private static String nextMessage(RawWebSocket client) throws Exception {
        while (true) {
            String record = client.next();
            if (!record.equals("{\"type\":6}") && !record.startsWith("{\"type\":8,")) {
                return record;
            }
        }
    }

    /** Joins group "g" with invocation id 1; returns the connection id. */
    private static String join(RawWebSocket client) throws Exception {
        client.sendText(call("1", "join", "[\"g\"]"));
        return JSON.readTree(nextMessage(client)).get("result").asText();
    }

    private int upgradeStatus(String token) throws Exception {
        return RawRequest.send(server.port(), "GET", "/count?id=" + token, UPGRADE).status();
    }

    @Test
    void negotiateEchoesStatefulReconnectOnlyWhenAskedAndAllowed() throws Exception {
        start(stateful());
        assertTrue(negotiate("&useStatefulReconnect=true").get("useStatefulReconnect").asBoolean());
        assertTrue(negotiate("&USESTATEFULRECONNECT=True").get("useStatefulReconnect").asBoolean());
        assertFalse(negotiate("").has("useStatefulReconnect"));
        assertFalse(negotiate("&useStatefulReconnect=false").has("useStatefulReconnect"));
        server.close();
        start(HubOptions.defaults());
        assertFalse(negotiate("&useStatefulReconnect=true").has("useStatefulReconnect"));
    }

    /**
     * The official Java client (9.0.3) has no stateful reconnect: it never asks for it and speaks version 1, so it
     * works as before against a server that allows it, and its dropped socket ends its connection.
     */
    @Test
    void theOfficialJavaClientWorksUnchangedWhenStatefulReconnectIsAllowed() throws Exception {
        start(stateful());
        try (JavaClients clients = new JavaClients(server.port())) {
            HubConnection connection = clients.connect("/count");
            BlockingQueue<Integer> numbers = new LinkedBlockingQueue<>();
            connection.on("number", numbers::add, Integer.class);
            String id = connection.<String>invoke(String.class, "join", "g").blockingGet();
            connection.send("count", "g", 3);
            for (int i = 1; i <= 3; i++) {
                assertEquals(i, Await.next(numbers, "number " + i));
            }
            connection.send("report", 5);
            Await.until(() -> recorder.reportedBy(id).equals(List.of(5)), "the report");
        }
    }

    @Test
    void theServerAcknowledgesWhatItReceivedAboutOnceASecond() throws Exception {
        start(stateful());
        String[] token = new String[1];
        try (RawWebSocket client = connected(token)) {
            client.sendText(call("1", "report", "[1]") + call("2", "report", "[2]"));
            String ack = null;
            while (ack == null) {
                String record = client.next();
                ack = record.startsWith("{\"type\":8,") ? record : null;
            }
            assertEquals("{\"type\":8,\"sequenceId\":2}", ack);
        }
    }

    @Test
    void aResumedConnectionGetsWhatItMissedOnceAndItsRepeatsAreDropped() throws Exception {
        start(stateful().withDisconnectTimeout(Duration.ofSeconds(30)));
        String[] token = new String[1];
        RawWebSocket first = connected(token);
        String id = join(first);                                                 // 1
        first.sendText(call("2", "count", "[\"g\",3]"));
        assertEquals(number(1), nextMessage(first));                             // 2
        assertEquals(number(2), nextMessage(first));                             // 3
        assertEquals(number(3), nextMessage(first));                             // 4
        assertEquals("{\"type\":3,\"invocationId\":\"2\"}", nextMessage(first)); // 5
        // The Ack is read before the call behind it: once that is answered, messages 1 to 3 are dropped.
        first.sendText("{\"type\":8,\"sequenceId\":3}" + RS + call("3", "report", "[7]"));
        assertEquals("{\"type\":3,\"invocationId\":\"3\"}", nextMessage(first)); // 6
        first.cut();

        try (RawWebSocket other = RawWebSocket.handshaken(
                URI.create("ws://localhost:" + server.port() + "/count"))) {
            other.sendText(call("1", "count", "[\"g\",2]"));                      // 7 and 8, kept for the first
            assertEquals("{\"type\":3,\"invocationId\":\"1\"}", nextMessage(other));
        }
        try (RawWebSocket resumed = open(token[0])) {
            assertEquals("{\"type\":9,\"sequenceId\":4}", resumed.next());
            assertEquals(number(3), resumed.next());
            assertEquals("{\"type\":3,\"invocationId\":\"2\"}", resumed.next());
            assertEquals("{\"type\":3,\"invocationId\":\"3\"}", resumed.next());
            assertEquals(number(1), resumed.next());
            assertEquals(number(2), resumed.next());
            // As if no Ack of the server's had arrived: the client sends all three of its calls again, then a new one.
            resumed.sendText("{\"type\":9,\"sequenceId\":1}" + RS + call("1", "join", "[\"g\"]")
                    + call("2", "count", "[\"g\",3]") + call("3", "report", "[7]") + call("4", "report", "[8]"));
            assertEquals("{\"type\":3,\"invocationId\":\"4\"}", nextMessage(resumed));
            assertEquals(List.of(7, 8), recorder.reportedBy(id));
            assertEquals(409, upgradeStatus(token[0]), "a live socket keeps its connection");
            resumed.sendText(call("5", "join", "[\"g\"]"));
            assertEquals("{\"type\":3,\"invocationId\":\"5\",\"result\":\"" + id + "\"}", nextMessage(resumed));
            assertFalse(recorder.disconnected.contains(id), "the hub never saw the connection go");
        }
    }

    @Test
    void aSequencePastWhatTheServerReceivedClosesTheConnection() throws Exception {
        start(stateful());
        String[] token = new String[1];
        try (RawWebSocket client = connected(token)) {
            client.sendText(call("1", "report", "[1]"));
            assertEquals("{\"type\":3,\"invocationId\":\"1\"}", nextMessage(client));
            // The server has one message of the client's: a resend may start at 1 or 2, not past it.
            client.sendText("{\"type\":9,\"sequenceId\":3}" + RS);
            JsonNode close = JSON.readTree(nextMessage(client));
            assertEquals(7, close.get("type").asInt());
            assertTrue(close.get("error").asText().contains("Sequence ID 3 is greater"), close.toString());
            assertEquals(1000, client.awaitClose());
        }
    }

    @Test
    void aVersion1HandshakeLeavesItOffAndADroppedSocketEndsTheConnection() throws Exception {
        start(stateful());
        String token = negotiate("&useStatefulReconnect=true").get("connectionToken").asText();
        RawWebSocket client = open(token);
        client.sendText(RawWebSocket.JSON_HANDSHAKE);
        assertEquals("{}", client.next());
        String id = join(client);
        client.cut();
        assertEquals(id, Await.next(recorder.disconnected, "the disconnect"));
        assertEquals(404, upgradeStatus(token));
    }

    @Test
    void pastTheWindowTheConnectionEndsOnceAndAResumeFindsNothing() throws Exception {
        start(stateful().withDisconnectTimeout(Duration.ofSeconds(1)));
        String[] token = new String[1];
        RawWebSocket client = connected(token);
        String id = join(client);
        client.cut();
        assertEquals(id, Await.next(recorder.disconnected, "the disconnect after the window"));
        assertEquals(404, upgradeStatus(token[0]));
        assertEquals(0, Await.steady(recorder.disconnected::size, Duration.ofMillis(500), "no second disconnect"));
    }

    @Test
    void pastTheBudgetTheClientIsClosedAndMayReconnect() throws Exception {
        start(stateful().withStatefulReconnectBufferSize(1000));
        String[] token = new String[1];
        try (RawWebSocket client = connected(token)) {
            client.sendText(call("1", "join", "[\"g\"]") + call("2", "count", "[\"g\",100]"));
            JsonNode close;
            do {
                close = JSON.readTree(nextMessage(client));
            } while (close.get("type").asInt() != 7);
            assertTrue(close.get("allowReconnect").asBoolean(), close.toString());
            assertTrue(close.get("error").asText().contains("1000 bytes not acknowledged"), close.toString());
        }
    }

    @Test
    void pastTheBudgetWhileAwayTheConnectionEnds() throws Exception {
        start(stateful().withStatefulReconnectBufferSize(1000).withDisconnectTimeout(Duration.ofSeconds(30)));
        String[] token = new String[1];
        RawWebSocket client = connected(token);
        String id = join(client);
        client.cut();
        try (RawWebSocket other = RawWebSocket.handshaken(
                URI.create("ws://localhost:" + server.port() + "/count"))) {
            other.sendText(call("1", "count", "[\"g\",100]"));
            assertEquals(id, Await.next(recorder.disconnected, "the disconnect past the budget"));
        }
        assertEquals(404, upgradeStatus(token[0]));
    }
}
