package dev.switchboard.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.signalr.TransportEnum;
import io.reactivex.rxjava3.core.Single;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every {@code Clients} target across three servers on one real Redis, seen by official Java clients: alice
 * (user "alice") on server 0, bob (user "bob") on server 1, carol (user "alice" too) on server 2. Each check
 * sends a text, then a marker to everyone from the same caller; whoever gets the marker first did not get the
 * text, which proves absence without waiting for a timeout, and duplicates would show before the marker.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScaleOutTest {

    private Cluster cluster;
    private Cluster.Client alice;
    private Cluster.Client bob;
    private Cluster.Client carol;

    @BeforeAll
    void start() throws Exception {
        cluster = Cluster.start(3);
        alice = cluster.connect(0, "alice", TransportEnum.WEBSOCKETS);
        bob = cluster.connect(1, "bob", TransportEnum.LONG_POLLING);
        carol = cluster.connect(2, "alice", TransportEnum.WEBSOCKETS);
        alice.connection.onWithResult("answer", question -> Single.just("alice says yes to " + question),
                String.class);
        carol.connection.onWithResult("answer", question -> Single.error(new IllegalStateException("no")),
                String.class);
    }

    @AfterAll
    void stop() throws Exception {
        cluster.close();
    }

    /** {@code sender} calls {@code method}, then a marker goes to all; each listed client gets the text once. */
    private void expect(Cluster.Client sender, String text, boolean toAlice, boolean toBob, boolean toCarol)
            throws InterruptedException {
        String marker = "end of " + text;
        sender.call("toAll", marker);
        check(alice, toAlice, text, marker);
        check(bob, toBob, text, marker);
        check(carol, toCarol, text, marker);
    }

    private static void check(Cluster.Client client, boolean receives, String text, String marker)
            throws InterruptedException {
        if (receives) {
            client.expect(text);
        }
        client.expect(marker);
    }

    @Test
    void allCallerAndOthers() throws Exception {
        bob.call("toAll", "all");
        expect(bob, "all", true, true, true);
        bob.call("toCaller", "caller");
        expect(bob, "caller", false, true, false);
        bob.call("toOthers", "others");
        expect(bob, "others", true, false, true);
    }

    @Test
    void connectionsByIdWhereverTheyAre() throws Exception {
        bob.call("toClient", alice.id, "one");
        expect(bob, "one", true, false, false);
        bob.call("toClients", List.of(alice.id, carol.id, alice.id), "some");
        expect(bob, "some", true, false, true);
        bob.call("toAllExcept", List.of(alice.id), "all but alice");
        expect(bob, "all but alice", false, true, true);
        bob.call("toClient", "no-such-connection", "nobody");
        expect(bob, "nobody", false, false, false);
    }

    @Test
    void groupsWithMembersOnSeveralServers() throws Exception {
        // Bob's server adds alice, who lives on server 0, and carol, on server 2.
        bob.call("addToGroup", alice.id, "g");
        bob.call("addToGroup", carol.id, "g");
        alice.call("addToGroup", alice.id, "h");
        bob.call("toGroup", "g", "to g");
        expect(bob, "to g", true, false, true);
        bob.call("toGroups", List.of("g", "h"), "to g and h");
        expect(bob, "to g and h", true, false, true);
        bob.call("toGroupExcept", "g", List.of(carol.id), "to g but carol");
        expect(bob, "to g but carol", true, false, false);
        carol.call("toOthersInGroup", "g", "others in g");
        expect(carol, "others in g", true, false, false);

        bob.call("removeFromGroup", alice.id, "g");
        bob.call("toGroup", "g", "after removing alice");
        expect(bob, "after removing alice", false, false, true);
        bob.call("removeFromGroup", carol.id, "g");
        alice.call("removeFromGroup", alice.id, "h");
        bob.call("toGroups", List.of("g", "h"), "empty groups");
        expect(bob, "empty groups", false, false, false);
    }

    @Test
    void usersWithConnectionsOnSeveralServers() throws Exception {
        bob.call("toUser", "alice", "to alice");
        expect(bob, "to alice", true, false, true);
        alice.call("toUsers", List.of("alice", "bob"), "to alice and bob");
        expect(alice, "to alice and bob", true, true, true);
        alice.call("toUser", "nobody", "to nobody");
        expect(alice, "to nobody", false, false, false);
    }

    @Test
    void addingAConnectionThatIsNowhereDoesNothing() {
        bob.call("addToGroup", "no-such-connection", "g");
        bob.call("removeFromGroup", "no-such-connection", "g");
    }

    @Test
    void clientResultsAcrossServers() {
        assertEquals("alice says yes to ready?", bob.invoke(String.class, "ask", alice.id, "ready?"));
        String refused = bob.invoke(String.class, "ask", carol.id, "ready?");
        assertTrue(refused.startsWith("HubException: ") && refused.contains("no"), refused);
        assertEquals("IOException: Connection 'no-such-connection' does not exist.",
                bob.invoke(String.class, "ask", "no-such-connection", "ready?"));
    }

    @Test
    void streamsWorkOnEveryServer() {
        for (Cluster.Client client : List.of(alice, bob, carol)) {
            List<Integer> items = client.connection.stream(Integer.class, "count", 5).toList()
                    .timeout(Cluster.TIMEOUT.toSeconds(), TimeUnit.SECONDS).blockingGet();
            assertEquals(List.of(1, 2, 3, 4, 5), items);
        }
    }

    @Test
    void aBroadcastIsPublishedOnce() throws Exception {
        long before = cluster.redis.calls("publish");
        bob.call("toAll", "counted");
        assertEquals(1, cluster.redis.calls("publish") - before, "PUBLISH commands for one broadcast");
        expect(bob, "counted", true, true, true);
        before = cluster.redis.calls("publish");
        bob.call("toGroups", List.of("x", "y", "z"), "to three groups");
        assertEquals(1, cluster.redis.calls("publish") - before, "PUBLISH commands for a send to three groups");
        expect(bob, "to three groups", false, false, false);
    }
}
