package dev.switchboard.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.signalr.TransportEnum;
import dev.switchboard.testing.LogCapture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Redis goes away in the middle of a conversation between two servers and comes back on the same port, empty:
 * each server keeps serving its own connections, logs the outage once, reconnects by itself, and cross-server
 * delivery resumes, to groups joined before and during the outage alike. What was published meanwhile is lost.
 */
class RedisRestartTest {

    @Test
    void serversRideOutARedisRestart() throws Exception {
        try (LogCapture log = new LogCapture(); Cluster cluster = Cluster.start(2)) {
            Cluster.Client alice = cluster.connect(0, "alice", TransportEnum.WEBSOCKETS);
            Cluster.Client bob = cluster.connect(1, "bob", TransportEnum.LONG_POLLING);
            alice.call("addToGroup", alice.id, "before");
            bob.call("toGroup", "before", "hello alice");
            alice.expect("hello alice");

            cluster.redis.stop();
            until(() -> cluster.backplanes.stream().noneMatch(RedisBackplane::isConnected), "both servers see the outage");
            for (int i = 0; i < 20; i++) {
                alice.call("toAll", "alone " + i);
                alice.expect("alone " + i);
            }
            bob.call("toCaller", "bob is still served");
            bob.expect("bob is still served");
            alice.call("addToGroup", alice.id, "during");
            RuntimeException elsewhere = assertThrows(RuntimeException.class,
                    () -> bob.call("addToGroup", alice.id, "unreachable"));
            assertTrue(elsewhere.getMessage().contains("Redis cannot be reached"), elsewhere.getMessage());

            cluster.redis.startAgain();
            until(() -> cluster.backplanes.stream().allMatch(RedisBackplane::isConnected), "both servers reconnect");
            awaitDelivery(bob, alice);
            bob.call("toGroup", "before", "a group joined before the outage");
            alice.expect("a group joined before the outage");
            bob.call("toGroup", "during", "a group joined during the outage");
            alice.expect("a group joined during the outage");
            alice.call("toAll", "both again");
            alice.expect("both again");
            assertEquals("both again", bob.next("both again"), "nothing sent alone reached bob");

            assertEquals(2, log.count("Lost the connection to Redis"), "one outage line per server");
            assertEquals(2, log.count("Reconnected to Redis"), "one recovery line per server");
        }
    }

    /** Sends probes from {@code from} until one reaches {@code to}: subscriptions come back just after reconnecting. */
    private static void awaitDelivery(Cluster.Client to, Cluster.Client from) throws InterruptedException {
        long deadline = System.nanoTime() + Cluster.TIMEOUT.toNanos();
        for (int probe = 0; System.nanoTime() < deadline; probe++) {
            from.call("toClient", to.id, "probe " + probe);
            String received = to.inbox.poll(200, TimeUnit.MILLISECONDS);
            if (received != null) {
                assertTrue(received.startsWith("probe "), received);
                while (to.inbox.poll(200, TimeUnit.MILLISECONDS) != null) {
                    // Later probes that were in flight.
                }
                assertNull(to.inbox.poll());
                return;
            }
        }
        fail("Cross-server delivery did not resume within " + Cluster.TIMEOUT);
    }

    private static void until(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Cluster.TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("Timed out waiting until " + what);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }
}
