package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.microsoft.signalr.HubConnection;
import dev.switchboard.fixtures.TestHub;
import dev.switchboard.testing.Await;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every {@link Clients} target and group membership, seen by three official Java clients: alice (user
 * "alice"), bob (user "bob") and carol (user "alice" too, a second device).
 */
class ClientsTest {

    private HubServer server;
    private JavaClients javaClients;
    private HubConnection alice;
    private HubConnection bob;
    private HubConnection carol;
    private BlockingQueue<String> toAlice;
    private BlockingQueue<String> toBob;
    private BlockingQueue<String> toCarol;

    @BeforeEach
    void start() throws Exception {
        server = HubServer.builder().port(0).hub("/test", TestHub.class)
                .userIdProvider(request -> request.header("X-User"))
                .build().start();
        javaClients = new JavaClients(server.port());
        alice = javaClients.connect("/test", builder -> builder.withHeader("X-User", "alice"));
        bob = javaClients.connect("/test", builder -> builder.withHeader("X-User", "bob"));
        carol = javaClients.connect("/test", builder -> builder.withHeader("X-User", "alice"));
        toAlice = JavaClients.inbox(alice, "msg");
        toBob = JavaClients.inbox(bob, "msg");
        toCarol = JavaClients.inbox(carol, "msg");
    }

    @AfterEach
    void stop() {
        javaClients.close();
        server.close();
    }

    private static void call(HubConnection connection, String method, Object... args) {
        connection.invoke(method, args).timeout(10, TimeUnit.SECONDS).blockingAwait();
    }

    /**
     * Sends {@code text} through {@code method}, then a marker to everyone; whoever gets the marker first
     * did not get the text. This proves absence without waiting for a timeout.
     */
    private void expect(String text, boolean alice, boolean bob, boolean carol) throws Exception {
        String marker = "end of " + text;
        call(this.alice, "toAll", marker);
        check(toAlice, alice, text, marker);
        check(toBob, bob, text, marker);
        check(toCarol, carol, text, marker);
    }

    private static void check(BlockingQueue<String> inbox, boolean receives, String text, String marker)
            throws Exception {
        if (receives) {
            assertEquals(text, Await.next(inbox, text));
        }
        assertEquals(marker, Await.next(inbox, marker));
    }

    @Test
    void allCallerAndOthers() throws Exception {
        call(bob, "toAll", "all");
        expect("all", true, true, true);
        call(bob, "toCaller", "caller");
        expect("caller", false, true, false);
        call(bob, "toOthers", "others");
        expect("others", true, false, true);
    }

    @Test
    void connectionsById() throws Exception {
        call(alice, "toClient", bob.getConnectionId(), "one");
        expect("one", false, true, false);
        call(alice, "toClients", List.of(bob.getConnectionId(), carol.getConnectionId()), "some");
        expect("some", false, true, true);
        call(alice, "toAllExcept", List.of(alice.getConnectionId(), carol.getConnectionId()), "except");
        expect("except", false, true, false);
        call(alice, "toClient", "no-such-connection", "nobody");
        expect("nobody", false, false, false);
    }

    @Test
    void groupsAndTheirVariants() throws Exception {
        call(alice, "joinGroup", "red");
        call(bob, "joinGroup", "red");
        call(carol, "joinGroup", "blue");
        call(carol, "toGroup", "red", "group");
        expect("group", true, true, false);
        call(alice, "toGroups", List.of("red", "blue"), "groups");
        expect("groups", true, true, true);
        call(carol, "toGroupExcept", "red", List.of(bob.getConnectionId()), "group except");
        expect("group except", true, false, false);
        call(alice, "toOthersInGroup", "red", "others in group");
        expect("others in group", false, true, false);
        call(bob, "leaveGroup", "red");
        call(carol, "toGroup", "red", "after leaving");
        expect("after leaving", true, false, false);
        call(carol, "toGroup", "nobody-here", "empty group");
        expect("empty group", false, false, false);
    }

    @Test
    void aConnectionInTwoGroupsGetsAMessageToBothOnce() throws Exception {
        call(bob, "joinGroup", "red");
        call(bob, "joinGroup", "blue");
        call(alice, "toGroups", List.of("red", "blue"), "once");
        expect("once", false, true, false);
    }

    @Test
    void usersReachEveryConnectionOfTheUser() throws Exception {
        call(bob, "toUser", "alice", "user");
        expect("user", true, false, true);
        call(alice, "toUsers", List.of("bob", "alice"), "users");
        expect("users", true, true, true);
        call(alice, "toUser", "nobody", "no user");
        expect("no user", false, false, false);
        assertEquals("alice", carol.invoke(String.class, "user").timeout(10, TimeUnit.SECONDS).blockingGet());
    }

    @Test
    void aConnectionLeavesItsGroupsAndUserWhenItDisconnects() throws Exception {
        call(carol, "joinGroup", "red");
        call(alice, "joinGroup", "red");
        carol.stop().blockingAwait(10, TimeUnit.SECONDS);
        call(bob, "toGroup", "red", "group after carol left");
        call(bob, "toUser", "alice", "user after carol left");
        assertEquals("group after carol left", Await.next(toAlice, "group message"));
        assertEquals("user after carol left", Await.next(toAlice, "user message"));
        assertNull(toCarol.poll());
    }

    @Test
    void argumentsOfAnyTypeReachTheClient() throws Exception {
        BlockingQueue<Object[]> many = new LinkedBlockingQueue<>();
        alice.on("many", (Integer number, String nothing, InvocationTest.ClientPoint point, List<?> list) ->
                many.add(new Object[] {number, nothing, point, list}),
                Integer.class, String.class, InvocationTest.ClientPoint.class, List.class);
        call(alice, "sendWithArguments");
        Object[] received = Await.next(many, "the invocation with four arguments");
        assertEquals(1, received[0]);
        assertNull(received[1]);
        assertEquals(2, ((InvocationTest.ClientPoint) received[2]).y);
        assertEquals(List.of("a"), received[3]);
    }
}
