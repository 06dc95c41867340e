package dev.switchboard.spi;

import static dev.switchboard.spi.ContractChecks.METHOD;
import static dev.switchboard.spi.ContractChecks.assertAnswered;
import static dev.switchboard.spi.ContractChecks.assertClientError;
import static dev.switchboard.spi.ContractChecks.assertNoSuchConnection;
import static dev.switchboard.spi.ContractChecks.assertReceived;
import static dev.switchboard.spi.ContractChecks.connect;
import static dev.switchboard.spi.ContractChecks.done;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.switchboard.Hub;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link HubLifetimeManager} owes the server, as SignalR's {@code HubLifetimeManagerTestsBase} states it for ASP.NET Core: extend this class, supply managers, and each
 * test runs against yours. It uses only the SPI and the public API, so a manager outside this project runs it
 * from hub-server's {@code tests} jar:
 *
 * <pre>{@code
 * class MyManagerContractTest extends HubLifetimeManagerContract {
 *     protected HubLifetimeManager newManager(LifetimeManagerSettings settings) { return new MyManager(settings); }
 * }
 * }</pre>
 *
 * <p>A manager that reaches other servers extends {@link ScaleOutLifetimeManagerContract} instead, which adds
 * the cross-server tests. Each test has its
 * own managers made, complete, with the settings a server of default settings gives them; a subclass releases
 * what they hold (connections to a backplane, say) in an {@code @AfterEach} of its own.
 *
 * <p>No test sleeps. Connections are {@link TestConnection}s, and a test that a message does not reach a
 * connection sends it a marker afterwards, through {@link HubLifetimeManager#sendConnection}, and asserts what
 * came before the marker: a manager must deliver one server's messages to a connection in the order they were
 * sent. Every wait is bounded, by 10 s.
 */
public abstract class HubLifetimeManagerContract {

    /**
     * A new manager of a server of its own, made as a server makes it, before its first connection.
     *
     * @param settings what the server gives it: {@link ContractHub}, {@link Serialization#defaults()} and
     *                 {@link dev.switchboard.HubOptions#defaults()}
     * @return the manager
     * @throws Exception when it cannot be made
     */
    protected abstract HubLifetimeManager newManager(LifetimeManagerSettings settings) throws Exception;

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

    // ---- helpers

    private HubLifetimeManager manager() throws Exception {
        return newManager(ContractChecks.settings());
    }

    /** The hub whose managers the contract tests; it has no methods, since only its managers are used. */
    public static final class ContractHub extends Hub {
    }

}
