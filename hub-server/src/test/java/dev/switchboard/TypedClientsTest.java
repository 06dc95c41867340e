package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.microsoft.signalr.HubConnection;
import dev.switchboard.fixtures.ResultsHub;
import dev.switchboard.testing.Await;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Typed client views of every target, seen by two official Java clients: alice (user "alice", in group
 * "g") and bob (user "bob", in no group).
 */
class TypedClientsTest {

    private final Injector injector = Guice.createInjector(new SwitchboardModule(ResultsHub.class));
    private final HubContext<ResultsHub> context = injector.getInstance(SwitchboardModule.contextKey(ResultsHub.class));
    private HubServer server;
    private JavaClients clients;
    private HubConnection alice;
    private HubConnection bob;
    private BlockingQueue<String> toAlice;
    private BlockingQueue<String> toBob;

    @BeforeEach
    void start() throws Exception {
        server = HubServer.builder().port(0).hub("/results", ResultsHub.class).injector(injector)
                .userIdProvider(request -> request.header("X-User")).build().start();
        clients = new JavaClients(server.port());
        alice = clients.connect("/results", builder -> builder.withHeader("X-User", "alice"));
        bob = clients.connect("/results", builder -> builder.withHeader("X-User", "bob"));
        toAlice = JavaClients.inbox(alice, "msg");
        toBob = JavaClients.inbox(bob, "msg");
        alice.invoke("join", "g").blockingAwait(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        clients.close();
        server.close();
    }

    /** Alice calls {@code typed(target, text)}; then a marker to all tells who did not get the text. */
    private void expect(String target, boolean toAlice, boolean toBob) throws Exception {
        String text = "via " + target;
        alice.invoke("typed", target, text).blockingAwait(10, TimeUnit.SECONDS);
        String marker = "end of " + target;
        context.clients().all().send("msg", marker).join();
        assertEquals(toAlice ? text : marker, Await.next(this.toAlice, "alice's message for " + target));
        assertEquals(toBob ? text : marker, Await.next(this.toBob, "bob's message for " + target));
        if (toAlice) {
            assertEquals(marker, Await.next(this.toAlice, "alice's marker"));
        }
        if (toBob) {
            assertEquals(marker, Await.next(this.toBob, "bob's marker"));
        }
    }

    @Test
    void everyTargetHasATypedView() throws Exception {
        expect("caller", true, false);
        expect("othersInGroup", false, false);
        expect("allExcept", false, true);
        expect("client", true, false);
        expect("clients", true, false);
        expect("group", true, false);
        expect("groups", true, false);
        expect("groupExcept", false, false);
        expect("user", false, true);
        expect("users", true, false);
    }

    @Test
    void defaultMethodsRunAndRenamedMethodsUseTheirWireName() throws Exception {
        BlockingQueue<String> notices = JavaClients.inbox(bob, "notice");
        alice.invoke("typed", "all", "loud").blockingAwait(10, TimeUnit.SECONDS);
        assertEquals("LOUD", Await.next(toAlice, "the shout"));
        assertEquals("LOUD", Await.next(toBob, "the shout"));
        alice.invoke("typed", "others", "psst").blockingAwait(10, TimeUnit.SECONDS);
        assertEquals("psst", Await.next(notices, "the notice"));
    }

    @Test
    void hubContextGivesTypedViewsToo() throws Exception {
        ResultsHub.Peer everyone = context.clients().all(ResultsHub.Peer.class);
        everyone.msg("from outside");
        assertEquals("from outside", Await.next(toAlice, "the message"));
        assertEquals("from outside", Await.next(toBob, "the message"));
        bob.onWithResult("length", (String text) -> io.reactivex.rxjava3.core.Single.just(text.length()),
                String.class);
        ResultsHub.Peer justBob = context.clients().client(bob.getConnectionId(), ResultsHub.Peer.class);
        assertEquals(3, justBob.length("abc").get(10, TimeUnit.SECONDS));
        assertTrue(justBob.toString().contains(bob.getConnectionId()), justBob.toString());
        assertEquals(justBob, justBob);
    }

    @Test
    void aClientResultOnSeveralClientsFailsClearly() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> context.clients().group("g", ResultsHub.Peer.class).length("x"));
        assertEquals("Peer.length(String) returns a client result, which only a single client can give: call it "
                + "through client(id, ...) or caller(...)", e.getMessage());
        RuntimeException fromHub = assertThrows(RuntimeException.class,
                () -> alice.invoke(Integer.class, "askAll", "x").timeout(10, TimeUnit.SECONDS).blockingGet());
        assertEquals("An unexpected error occurred invoking 'askAll' on the server.", fromHub.getMessage());
    }

    /** Not declared by {@link ResultsHub}. */
    interface Stranger {
        void msg(String text);
    }

    @Test
    void anUndeclaredInterfaceIsRefusedAtOnce() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> context.clients().users(List.of("alice"), Stranger.class));
        assertEquals("dev.switchboard.TypedClientsTest$Stranger is not a client interface of hub ResultsHub: declare "
                + "it with @ClientInterface(Stranger.class) on the hub class", e.getMessage());
    }
}
