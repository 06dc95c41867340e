package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.fixtures.TestHub;
import dev.switchboard.soak.HeapAndThreads;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.HttpSocket;
import dev.switchboard.testing.RawHttp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What issue 15 measured: an attacker holding a thousand sockets (idle, slow heads, unfinished upgrades, bodies
 * declared and never sent). Every one is cut once its deadline passes, and the heap after a full collection
 * returns to where it was before the attack.
 */
class HeldSocketsTest {

    private static final int EACH = 200;
    private static final long HEAP_MARGIN = 2L * 1024 * 1024;

    /** One way of holding a socket: what it sends, and how its answer begins ("" for none). */
    private record Attack(String name, String request, String answer) {
    }

    @Test
    void aThousandHeldSocketsAreAllCutAndTheHeapReturnsToItsBaseline() throws Exception {
        HubOptions options = HubOptions.defaults().withDisconnectTimeout(Duration.ofSeconds(1));
        try (HubServer server = HubServer.builder().port(0).hub("/test", TestHub.class).options(options)
                .limits(HttpTimeoutsTest.LIMITS).build().start()) {
            int port = server.port();
            String token = new RawHttp(port, "/test").handshaken();
            String upgrade = HttpTimeoutsTest.upgradeHead(port);
            List<Attack> attacks = List.of(
                    new Attack("idle", "", ""),
                    new Attack("slow head", "GET /test/negotiate HTTP/1.1\r\nHost: local", "HTTP/1.1 408"),
                    new Attack("unfinished upgrade", upgrade.substring(0, upgrade.length() - 2), "HTTP/1.1 408"),
                    new Attack("negotiate declaring 10 MB", HttpTimeoutsTest.head(port,
                            "POST /test/negotiate?negotiateVersion=1", "Content-Length: 10000000\r\n"),
                            "HTTP/1.1 200"),
                    new Attack("long-polling POST declaring 1 MB", HttpTimeoutsTest.head(port,
                            "POST /test?id=" + token, "Content-Length: 1000000\r\n"), "HTTP/1.1 408"));
            // A held poll keeps the connection the POSTs are for alive past the short disconnect timeout; its
            // answer is read only once the connection ends.
            try (HttpSocket poll = HttpSocket.open(port).write(HttpTimeoutsTest.head(port, "GET /test?id=" + token))) {
                hold(port, attacks, 10);
                long before = HeapAndThreads.heapAfterGc();
                long holding = hold(port, attacks, EACH);
                // Negotiated connections that no transport took up expire after the disconnect timeout.
                Await.until(() -> server.connectionCount() == 1, "unused negotiated connections to expire");
                long after = HeapAndThreads.heapAfterGc();
                System.out.printf("HeldSocketsTest: %d sockets held; heap after GC %.1f MB before, %.1f MB while "
                        + "held, %.1f MB once cut%n", attacks.size() * EACH, mb(before), mb(holding), mb(after));
                assertTrue(after - before < HEAP_MARGIN, "heap grew by " + mb(after - before) + " MB");
                // A client of its own: a pooled connection would have been idle past the keep-alive timeout.
                assertEquals(202, new RawHttp(port, "/test").delete(token).statusCode());
                assertEquals(204, poll.answer().status());
            }
        }
    }

    /**
     * Opens {@code each} sockets per attack, all at once, and waits until the server has cut every one; returns the
     * heap after a full collection while they were all held.
     */
    private static long hold(int port, List<Attack> attacks, int each) throws Exception {
        List<HttpSocket> sockets = new ArrayList<>();
        try {
            for (Attack attack : attacks) {
                for (int i = 0; i < each; i++) {
                    sockets.add(HttpSocket.open(port).write(attack.request()));
                }
            }
            long holding = HeapAndThreads.heapAfterGc();
            for (int i = 0; i < sockets.size(); i++) {
                Attack attack = attacks.get(i / each);
                String answer = sockets.get(i).untilClosed();
                assertTrue(attack.answer().isEmpty() ? answer.isEmpty() : answer.startsWith(attack.answer()),
                        attack.name() + " got " + answer);
            }
            return holding;
        } finally {
            for (HttpSocket socket : sockets) {
                socket.close();
            }
        }
    }

    private static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
