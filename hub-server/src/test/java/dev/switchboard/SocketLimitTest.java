package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.fixtures.TestHub;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.RawHttp;
import dev.switchboard.testing.RawRequest;
import dev.switchboard.testing.RawWebSocket;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * {@link ServerLimits#maxConcurrentSockets()}: an idle socket, a keep-alive HTTP connection and a WebSocket each
 * count; one past the limit is closed as soon as it is accepted, while those within it keep working; once one
 * closes, the next socket is served.
 */
class SocketLimitTest {

    private static final int LIMIT = 3;

    @Test
    void aSocketPastTheLimitIsClosedAtOnceAndOneClosingLetsTheNextIn() throws Exception {
        try (HubServer server = HubServer.builder().port(0).hub("/test", TestHub.class)
                .limits(ServerLimits.defaults().withMaxConcurrentSockets(LIMIT)).build().start()) {
            int port = server.port();
            // Accepted in the order they connect: the idle socket before the two that are answered.
            Socket idle = new Socket("localhost", port);
            RawHttp keptAlive = new RawHttp(port, "/test");
            keptAlive.negotiate();
            try (RawWebSocket webSocket = RawWebSocket.handshaken(URI.create("ws://localhost:" + port + "/test"))) {
                try (Socket refused = new Socket("localhost", port)) {
                    assertTrue(closedByServer(refused), "The socket past the limit was not closed");
                }
                keptAlive.negotiate();
                webSocket.sendText("{\"type\":1,\"invocationId\":\"1\",\"target\":\"add\",\"arguments\":[1,2]}"
                        + RawWebSocket.RS);
                assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":3}", webSocket.nextNonPing());

                idle.close();
                awaitServed(port);
            }
        }
    }

    /** Whether the server closed {@code socket}, unasked, within the tests' timeout. */
    private static boolean closedByServer(Socket socket) throws IOException {
        socket.setSoTimeout((int) Await.TIMEOUT.toMillis());
        try {
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            // Reset rather than closed: refused all the same.
            return true;
        }
    }

    /** Waits until a new socket is answered, which happens once the server has seen a held socket close. */
    private static void awaitServed(int port) {
        long deadline = System.nanoTime() + Await.TIMEOUT.toNanos();
        while (true) {
            try {
                RawRequest.Answer answer = RawRequest.send(port, "GET", "/nowhere");
                assertEquals(404, answer.status());
                return;
            } catch (IOException e) {
                assertFalse(System.nanoTime() > deadline, "No new socket was served after one closed: " + e);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}
