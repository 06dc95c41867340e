package dev.switchboard;

import static dev.switchboard.RawWebSocket.RS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;

/**
 * What every bad-input case ends on: the bad input cost no one else anything. A connection opened before
 * the case still answers, and a connection opened after it can invoke, on the same server.
 */
final class Bystander implements AutoCloseable {

    private final URI hub;
    private final RawWebSocket socket;
    private int calls;

    private Bystander(URI hub) throws Exception {
        this.hub = hub;
        this.socket = RawWebSocket.handshaken(hub);
    }

    /** Joins the hub at {@code path} of {@code server} with a WebSocket, before the case runs. */
    static Bystander join(HubServer server, String path) throws Exception {
        return new Bystander(URI.create("ws://localhost:" + server.port() + path));
    }

    /** Fails unless both the bystander and a new connection get their answers. */
    void assertServed() throws Exception {
        assertAdds(socket, "the bystander");
        try (RawWebSocket fresh = RawWebSocket.handshaken(hub)) {
            assertAdds(fresh, "a new connection");
        }
    }

    private void assertAdds(RawWebSocket client, String who) throws Exception {
        String id = "bystander-" + ++calls;
        client.sendText("{\"type\":1,\"invocationId\":\"" + id + "\",\"target\":\"add\",\"arguments\":[20,22]}" + RS);
        assertEquals("{\"type\":3,\"invocationId\":\"" + id + "\",\"result\":42}", client.nextNonPing(), who);
    }

    @Override
    public void close() {
        socket.close();
    }
}
