package dev.switchboard.spi;

import static dev.switchboard.spi.ContractChecks.METHOD;
import static dev.switchboard.spi.ContractChecks.assertAnswered;
import static dev.switchboard.spi.ContractChecks.assertClientError;
import static dev.switchboard.spi.ContractChecks.assertNoSuchConnection;
import static dev.switchboard.spi.ContractChecks.assertReceived;
import static dev.switchboard.spi.ContractChecks.connect;
import static dev.switchboard.spi.ContractChecks.done;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.switchboard.HubOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * What every {@link HubLifetimeManager} owes the server, as SignalR's {@code HubLifetimeManagerTestsBase} and
 * {@code ScaleoutHubLifetimeManagerTests} state it for ASP.NET Core: extend this class, supply managers, and each
 * test runs against yours. It uses only the SPI and the public API, so a manager outside this project runs it
 * from hub-server's {@code tests} jar:
 *
 * <pre>{@code
 * class MyManagerContractTest extends HubLifetimeManagerContract {
 *     protected HubLifetimeManager newManager() { return new MyManager(); }
 * }
 * }</pre>
 *
 * <p>A manager that reaches other servers also overrides {@link #supportsScaleOut()} and
 * {@link #newPeerManagers()}; for one that does not, the cross-server tests are skipped. Each test makes its
 * own managers and starts them as a server would; a subclass releases what they hold (connections to a
 * backplane, say) in an {@code @AfterEach} of its own.
 *
 * <p>No test sleeps. Connections are {@link TestConnection}s, and a test that a message does not reach a
 * connection sends it a marker afterwards, through {@link HubLifetimeManager#sendConnection}, and asserts what
 * came before the marker: a manager must deliver one server's messages to a connection in the order they were
 * sent. Every wait is bounded, by 10 s.
 */
public abstract class HubLifetimeManagerContract {

    /**
     * A new manager of a server of its own; the test starts it.
     *
     * @return the manager, not started
     * @throws Exception when it cannot be made
     */
    protected abstract HubLifetimeManager newManager() throws Exception;

    /** {@return whether {@link #newPeerManagers()} gives managers of two servers of one hub} */
    protected boolean supportsScaleOut() {
        return false;
    }

    /**
     * New managers of two servers of one hub, sharing a backplane; called only when {@link #supportsScaleOut()}.
     * The test starts them.
     *
     * @return the two managers, not started
     * @throws Exception when they cannot be made
     */
    protected List<HubLifetimeManager> newPeerManagers() throws Exception {
        throw new UnsupportedOperationException(getClass().getName() + " supports no scale-out");
    }

    // ---- one server: broadcasts and single connections

    @Test
    void sendAllReachesEveryConnection() throws Exception {
        HubLifetimeManager manager = manager();
        TestConnection c1 = connect(manager, "c1", null);
        TestConnection c2 = connect(manager, "c2", null);
        done(manager.sendAll(METHOD, List.of("hello")));
        assertReceived(manager, c1, "hello");
        assertReceived(manager, c2, "hello");
    }

    @Test
    void sendAllSkipsDisconnectedConnections() throws Exception {
        HubLifetimeManager manager = manager();
        TestConnection c1 = connect(manager, "c1", null);
        TestConnection c2 = connect(manager, "c2", null);
        manager.onDisconnected(c2);
        done(manager.sendAll(METHOD, List.of("hello")));
        assertReceived(manager, c1, "hello");
        assertNull(c2.next(Duration.ZERO), "a disconnected connection received a broadcast");
    }

    @Test
    void sendAllExceptSkipsTheExcluded() throws Exception {
        HubLifetimeManager manager = manager();
        TestConnection c1 = connect(manager, "c1", null);
        TestConnection c2 = connect(manager, "c2", null);
        TestConnection c3 = connect(manager, "c3", null);
        done(manager.sendAllExcept(METHOD, List.of("hello"), List.of("c2", "unknown")));
        assertReceived(manager, c1, "hello");
        assertReceived(manager, c2);
        assertReceived(manager, c3, "hello");
    }

    @Test
    void sendConnectionReachesThatConnectionOnly() throws Exception {
        HubLifetimeManager manager = manager();
        TestConnection c1 = connect(manager, "c1", null);
        TestConnection c2 = connect(manager, "c2", null);
        done(manager.sendConnection("c1", METHOD, List.of("hello")));
        assertReceived(manager, c1, "hello");
        assertReceived(manager, c2);
    }

    @Test
    void sendConnectionToAnUnknownConnectionDoesNothing() throws Exception {
        HubLifetimeManager manager = manager();
        TestConnection c1 = connect(manager, "c1", null);
        done(manager.sendConnection("unknown", METHOD, List.of("hello")));
        assertReceived(manager, c1);
    }

    @Test
    void sendConnectionsReachesEachOnceDespiteDuplicates() throws Exception {
        HubLifetimeManager manager = manager();
        TestConnection c1 = connect(manager, "c1", null);
        TestConnection c2 = connect(manager, "c2", null);
        TestConnection c3 = connect(manager, "c3", null);
        done(manager.sendConnections(List.of("c1", "c2", "c1", "unknown"), METHOD, List.of("hello")));
        assertReceived(manager, c1, "hello");
        assertReceived(manager, c2, "hello");
        assertReceived(manager, c3);
    }

    // ---- one server: groups

    /** Adding a member twice, or removing a connection that is not one, changes nothing. */
    @Test
    void sendGroupReachesEachMemberOnce() throws Exception {
        HubLifetimeManager manager = manager();
        TestConnection c1 = connect(manager, "c1", null);
        TestConnection c2 = connect(manager, "c2", null);
        done(manager.addToGroup("c1", "g"));
        done(manager.addToGroup("c1", "g"));
        done(manager.removeFromGroup("c2", "g"));
        done(manager.sendGroup("g", METHOD, List.of("hello")));
        assertReceived(manager, c1, "hello");
        assertReceived(manager, c2);
    }

    @Test
    void sendGroupsReachesAMemberOfSeveralOnce() throws Exception {
        HubLifetimeManager manager = manager();
        TestConnection c1 = connect(manager, "c1", null);
        TestConnection c2 = connect(manager, "c2", null);
        TestConnection c3 = connect(manager, "c3", null);
        done(manager.addToGroup("c1", "g1"));
        done(manager.addToGroup("c1", "g2"));
        done(manager.addToGroup("c2", "g2"));
        done(manager.addToGroup("c3", "g3"));
        done(manager.sendGroups(List.of("g1", "g2", "unknown"), METHOD, List.of("hello")));
        assertReceived(manager, c1, "hello");
        assertReceived(manager, c2, "hello");
        assertReceived(manager, c3);
    }

    @Test
    void sendGroupExceptSkipsTheExcluded() throws Exception {
        HubLifetimeManager manager = manager();
        TestConnection c1 = connect(manager, "c1", null);
        TestConnection c2 = connect(manager, "c2", null);
        done(manager.addToGroup("c1", "g"));
        done(manager.addToGroup("c2", "g"));
        done(manager.sendGroupExcept("g", METHOD, List.of("hello"), List.of("c2")));
        assertReceived(manager, c1, "hello");
        assertReceived(manager, c2);
    }

    @Test
    void aRemovedMemberNoLongerReceivesTheGroup() throws Exception {
        HubLifetimeManager manager = manager();
        TestConnection c1 = connect(manager, "c1", null);
        done(manager.addToGroup("c1", "g"));
        done(manager.sendGroup("g", METHOD, List.of("in")));
        done(manager.removeFromGroup("c1", "g"));
        done(manager.sendGroup("g", METHOD, List.of("out")));
        assertReceived(manager, c1, "in");
    }

    /** Nothing is remembered for an id that is not connected: a connection that later takes it is in no group. */
    @Test
    void groupChangesForAnUnknownConnectionDoNothing() throws Exception {
        HubLifetimeManager manager = manager();
        TestConnection c1 = connect(manager, "c1", null);
        done(manager.addToGroup("c1", "g"));
        done(manager.addToGroup("later", "g"));
        done(manager.removeFromGroup("unknown", "g"));
        TestConnection later = connect(manager, "later", null);
        done(manager.sendGroup("g", METHOD, List.of("hello")));
        assertReceived(manager, c1, "hello");
        assertReceived(manager, later);
    }

    @Test
    void aDisconnectedConnectionLeavesItsGroups() throws Exception {
        HubLifetimeManager manager = manager();
        TestConnection first = connect(manager, "c1", null);
        done(manager.addToGroup("c1", "g"));
        manager.onDisconnected(first);
        TestConnection again = connect(manager, "c1", null);
        done(manager.sendGroup("g", METHOD, List.of("hello")));
        assertReceived(manager, again);
        assertNull(first.next(Duration.ZERO), "a disconnected connection received its old group's message");
    }

    // ---- one server: users

    @Test
    void sendUserReachesEveryConnectionOfTheUser() throws Exception {
        HubLifetimeManager manager = manager();
        TestConnection ada1 = connect(manager, "c1", "ada");
        TestConnection ada2 = connect(manager, "c2", "ada");
        TestConnection bob = connect(manager, "c3", "bob");
        TestConnection anonymous = connect(manager, "c4", null);
        done(manager.sendUser("ada", METHOD, List.of("hello")));
        assertReceived(manager, ada1, "hello");
        assertReceived(manager, ada2, "hello");
        assertReceived(manager, bob);
        assertReceived(manager, anonymous);
    }

    @Test
    void sendUsersReachesEachConnectionOnce() throws Exception {
        HubLifetimeManager manager = manager();
        TestConnection ada1 = connect(manager, "c1", "ada");
        TestConnection ada2 = connect(manager, "c2", "ada");
        TestConnection bob = connect(manager, "c3", "bob");
        TestConnection eve = connect(manager, "c4", "eve");
        done(manager.sendUsers(List.of("ada", "bob", "ada", "unknown"), METHOD, List.of("hello")));
        assertReceived(manager, ada1, "hello");
        assertReceived(manager, ada2, "hello");
        assertReceived(manager, bob, "hello");
        assertReceived(manager, eve);
    }

    @Test
    void aUserStillReceivesOnItsRemainingConnection() throws Exception {
        HubLifetimeManager manager = manager();
        TestConnection ada1 = connect(manager, "c1", "ada");
        TestConnection ada2 = connect(manager, "c2", "ada");
        manager.onDisconnected(ada1);
        done(manager.sendUser("ada", METHOD, List.of("hello")));
        assertReceived(manager, ada2, "hello");
        assertNull(ada1.next(Duration.ZERO), "a disconnected connection received its user's message");
    }

    // ---- one server: client results and registration

    @Test
    void invokeConnectionCompletesWithTheClientsAnswer() throws Exception {
        HubLifetimeManager manager = manager();
        TestConnection c1 = connect(manager, "c1", null);
        assertAnswered(manager, c1);
    }

    @Test
    void invokeConnectionFailsWithTheClientsError() throws Exception {
        HubLifetimeManager manager = manager();
        TestConnection c1 = connect(manager, "c1", null);
        assertClientError(manager, c1);
    }

    @Test
    void invokeConnectionOfAnUnknownConnectionFailsWithIOException() throws Exception {
        HubLifetimeManager manager = manager();
        connect(manager, "c1", null);
        assertNoSuchConnection(manager, "unknown");
    }

    @Test
    void aConnectionClosedBeforeItRegistersIsLeftOut() throws Exception {
        HubLifetimeManager manager = manager();
        TestConnection open = connect(manager, "c1", "ada");
        TestConnection closed = new TestConnection("c2", "ada");
        closed.close();
        manager.onConnected(closed);
        done(manager.addToGroup("c2", "g"));
        done(manager.sendAll(METHOD, List.of("all")));
        done(manager.sendUser("ada", METHOD, List.of("user")));
        done(manager.sendGroup("g", METHOD, List.of("group")));
        assertReceived(manager, open, "all", "user");
        assertNull(closed.next(Duration.ZERO), "a connection closed before registering received a message");
        assertNoSuchConnection(manager, "c2");
    }

    // ---- two servers of one hub

    @Test
    void sendAllReachesConnectionsOnEveryServer() throws Exception {
        HubLifetimeManager[] servers = peers();
        TestConnection a1 = connect(servers[0], "a1", null);
        TestConnection b1 = connect(servers[1], "b1", null);
        done(servers[0].sendAll(METHOD, List.of("hello")));
        assertReceived(servers[0], a1, "hello");
        assertReceived(servers[0], b1, "hello");
    }

    @Test
    void sendConnectionReachesAConnectionOnAnotherServer() throws Exception {
        HubLifetimeManager[] servers = peers();
        TestConnection b1 = connect(servers[1], "b1", null);
        TestConnection b2 = connect(servers[1], "b2", null);
        done(servers[0].sendConnection("b1", METHOD, List.of("hello")));
        assertReceived(servers[0], b1, "hello");
        assertReceived(servers[0], b2);
    }

    @Test
    void sendGroupReachesMembersOnAnotherServer() throws Exception {
        HubLifetimeManager[] servers = peers();
        TestConnection b1 = connect(servers[1], "b1", null);
        TestConnection b2 = connect(servers[1], "b2", null);
        done(servers[1].addToGroup("b1", "g"));
        done(servers[0].sendGroup("g", METHOD, List.of("hello")));
        assertReceived(servers[0], b1, "hello");
        assertReceived(servers[0], b2);
    }

    @Test
    void sendUserReachesTheUsersConnectionsOnEveryServer() throws Exception {
        HubLifetimeManager[] servers = peers();
        TestConnection adaHere = connect(servers[0], "a1", "ada");
        TestConnection adaThere = connect(servers[1], "b1", "ada");
        TestConnection bob = connect(servers[1], "b2", "bob");
        done(servers[0].sendUser("ada", METHOD, List.of("hello")));
        assertReceived(servers[0], adaHere, "hello");
        assertReceived(servers[0], adaThere, "hello");
        assertReceived(servers[0], bob);
    }

    @Test
    void exclusionsHoldOnAnotherServer() throws Exception {
        HubLifetimeManager[] servers = peers();
        TestConnection b1 = connect(servers[1], "b1", null);
        TestConnection b2 = connect(servers[1], "b2", null);
        done(servers[1].addToGroup("b1", "g"));
        done(servers[1].addToGroup("b2", "g"));
        done(servers[0].sendAllExcept(METHOD, List.of("all"), List.of("b2")));
        done(servers[0].sendGroupExcept("g", METHOD, List.of("group"), List.of("b1")));
        assertReceived(servers[0], b1, "all");
        assertReceived(servers[0], b2, "group");
    }

    /** Each server resolves a list itself: a connection on another server named twice over gets one copy. */
    @Test
    void listSendsReachEachConnectionOnAnotherServerOnce() throws Exception {
        HubLifetimeManager[] servers = peers();
        TestConnection ada = connect(servers[1], "b1", "ada");
        TestConnection bob = connect(servers[1], "b2", "bob");
        done(servers[1].addToGroup("b1", "g1"));
        done(servers[1].addToGroup("b1", "g2"));
        done(servers[0].sendConnections(List.of("b1", "b1"), METHOD, List.of("connections")));
        done(servers[0].sendGroups(List.of("g1", "g2"), METHOD, List.of("groups")));
        done(servers[0].sendUsers(List.of("ada", "ada"), METHOD, List.of("users")));
        assertReceived(servers[0], ada, "connections", "groups", "users");
        assertReceived(servers[0], bob);
    }

    @Test
    void groupChangesReachAConnectionOnAnotherServer() throws Exception {
        HubLifetimeManager[] servers = peers();
        TestConnection b1 = connect(servers[1], "b1", null);
        done(servers[0].addToGroup("b1", "g"));
        done(servers[0].sendGroup("g", METHOD, List.of("in")));
        done(servers[0].removeFromGroup("b1", "g"));
        done(servers[0].sendGroup("g", METHOD, List.of("out")));
        assertReceived(servers[0], b1, "in");
    }

    @Test
    void invokeConnectionReachesAConnectionOnAnotherServer() throws Exception {
        HubLifetimeManager[] servers = peers();
        TestConnection b1 = connect(servers[1], "b1", null);
        assertAnswered(servers[0], b1);
    }

    @Test
    void invokeConnectionOnAnotherServerFailsWithTheClientsError() throws Exception {
        HubLifetimeManager[] servers = peers();
        TestConnection b1 = connect(servers[1], "b1", null);
        assertClientError(servers[0], b1);
    }

    // ---- helpers

    private HubLifetimeManager manager() throws Exception {
        return started(newManager());
    }

    private HubLifetimeManager[] peers() throws Exception {
        Assumptions.assumeTrue(supportsScaleOut(), "a manager of a single server: no cross-server tests");
        List<HubLifetimeManager> peers = newPeerManagers();
        assertEquals(2, peers.size(), "newPeerManagers() gives two managers");
        return new HubLifetimeManager[] {started(peers.get(0)), started(peers.get(1))};
    }

    /** Starts the manager as a server does, before its first connection, with the default options. */
    private HubLifetimeManager started(HubLifetimeManager manager) {
        manager.start(Serialization.defaults(), HubOptions.defaults());
        return manager;
    }
}
