package dev.switchboard.spi;

import static dev.switchboard.spi.ContractChecks.METHOD;
import static dev.switchboard.spi.ContractChecks.assertAnswered;
import static dev.switchboard.spi.ContractChecks.assertClientError;
import static dev.switchboard.spi.ContractChecks.assertReceived;
import static dev.switchboard.spi.ContractChecks.connect;
import static dev.switchboard.spi.ContractChecks.done;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a {@link HubLifetimeManager} that joins several servers owes beyond {@link HubLifetimeManagerContract}, as
 * SignalR's {@code ScaleoutHubLifetimeManagerTests}: every send, group change and client result reaches
 * connections on another server. Extend it instead of the single-server contract and supply the managers of two
 * servers of one hub; every test of both runs against yours.
 */
public abstract class ScaleOutLifetimeManagerContract extends HubLifetimeManagerContract {

    /**
     * New managers of two servers of one hub, sharing a backplane, each made as its server makes it.
     *
     * @param settings what each server gives its manager, as in {@link #newManager(LifetimeManagerSettings)}
     * @return the two managers
     * @throws Exception when they cannot be made
     */
    protected abstract List<HubLifetimeManager> newPeerManagers(LifetimeManagerSettings settings) throws Exception;

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

    private HubLifetimeManager[] peers() throws Exception {
        List<HubLifetimeManager> peers = newPeerManagers(ContractChecks.settings());
        assertEquals(2, peers.size(), "newPeerManagers() gives two managers");
        return new HubLifetimeManager[] {peers.get(0), peers.get(1)};
    }
}
