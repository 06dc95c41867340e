package dev.switchboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.fixtures.TestHub;
import dev.switchboard.testing.RawWebSocket;
import java.net.URI;

/**
 * Run by {@link LogHygieneTest} in a JVM of its own ({@link DetailedLogRun}): a client puts a line feed, an ANSI
 * colour sequence, NEL and a line separator into each thing of its choosing that the server logs, each with a
 * number of its own ({@link #chosen}), and waits until the server has dealt with each. Ends by printing "done".
 */
final class LogHygieneRun {

    /** How many values {@link #chosen} is asked for, numbered from 1. */
    static final int VALUES = 7;

    private static final ObjectMapper JSON = new ObjectMapper();

    private LogHygieneRun() {
    }

    /** The hostile end of the {@code n}th value the client chooses: a would-be log line of its own. */
    static String chosen(int n) {
        return "\nFORGED " + n + " \u001b[31m\u0085\u2028";
    }

    /** How {@link #chosen} must appear in the log. */
    static String escaped(int n) {
        return "\\nFORGED " + n + " \\u001b[31m\\u0085\\u2028";
    }

    public static void main(String[] args) throws Exception {
        try (HubServer server = HubServer.builder().port(0).hub("/hub", TestHub.class).build().start()) {
            URI hub = URI.create("ws://localhost:" + server.port() + "/hub");
            try (RawWebSocket refused = RawWebSocket.connect(hub)) {
                refused.sendText("{\"protocol\":" + json("json" + chosen(1)) + ",\"version\":1}" + RawWebSocket.RS);
                expect(refused.next(), "{\"error\":");
            }
            try (RawWebSocket client = RawWebSocket.handshaken(hub)) {
                // An unknown method, then a hub exception quoting a group name the client gave.
                send(client, "{\"type\":1,\"invocationId\":\"1\",\"target\":" + json("nope" + chosen(2))
                        + ",\"arguments\":[]}");
                expect(client.nextNonPing(), "{\"type\":3,\"invocationId\":\"1\",\"error\":");
                send(client, "{\"type\":1,\"invocationId\":\"2\",\"target\":\"fail\",\"arguments\":["
                        + json("No group 'g" + chosen(3) + "'") + "]}");
                expect(client.nextNonPing(), "{\"type\":3,\"invocationId\":\"2\",\"error\":");
                // Cancelling a stream that is not there, then a stream of one item that fails.
                send(client, "{\"type\":5,\"invocationId\":" + json("c" + chosen(4)) + "}");
                send(client, "{\"type\":4,\"invocationId\":" + json("s" + chosen(5))
                        + ",\"target\":\"streamThenFail\",\"arguments\":[1," + json("e" + chosen(6)) + "]}");
                String record;
                do {
                    record = client.nextNonPing();
                } while (record.startsWith("{\"type\":2,"));
                expect(record, "{\"type\":3,");
                // Bad input whose error quotes the client: the connection is closed.
                send(client, "{\"type\":1,\"target\":\"echo\",\"arguments\":[],\"headers\":{"
                        + json("h" + chosen(7)) + ":1}}");
                expect(client.nextNonPing(), "{\"type\":7,");
                client.awaitClose();
            }
        }
        System.err.println("LogHygieneRun done");
    }

    private static String json(String text) throws Exception {
        return JSON.writeValueAsString(text);
    }

    private static void send(RawWebSocket client, String message) throws Exception {
        client.sendText(message + RawWebSocket.RS);
    }

    private static void expect(String record, String start) {
        if (!record.startsWith(start)) {
            throw new AssertionError("Expected a record starting " + start + ", got " + record);
        }
    }
}
