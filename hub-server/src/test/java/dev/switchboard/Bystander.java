package dev.switchboard;

import static dev.switchboard.testing.RawWebSocket.RS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.testing.RawWebSocket;
import java.net.URI;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

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

    /**
     * A bystander for every test of a class whose server outlives its tests: joined before each test, and
     * checked and closed after it. Register it with {@code @RegisterExtension}.
     */
    static final class EachTest implements BeforeEachCallback, AfterEachCallback {

        private final Supplier<HubServer> server;
        private final String path;
        private Bystander current;

        EachTest(Supplier<HubServer> server, String path) {
            this.server = server;
            this.path = path;
        }

        @Override
        public void beforeEach(ExtensionContext context) throws Exception {
            current = join(server.get(), path);
        }

        @Override
        public void afterEach(ExtensionContext context) throws Exception {
            try (Bystander done = current) {
                done.assertServed();
            }
        }
    }
}
