package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import com.google.inject.Singleton;
import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionState;
import com.microsoft.signalr.TransportEnum;
import dev.switchboard.fixtures.TestHub;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.RawWebSocket;
import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Connect and disconnect callbacks, abort, HubContext from outside a hub, and skipped negotiation. */
class LifecycleTest {

    /** A background service, created by the user's injector, that reaches the hub's clients. */
    @Singleton
    static class Announcer {
        private final HubContext<TestHub> hub;

        @Inject
        Announcer(HubContext<TestHub> hub) {
            this.hub = hub;
        }

        CompletableFuture<Void> announce(String text) {
            return hub.clients().all().send("msg", text);
        }
    }

    @Test
    void connectAndDisconnectCallbacksRunWithTheConnectionId() throws Exception {
        Injector injector = Guice.createInjector();
        TestHub.Recorder recorder = injector.getInstance(TestHub.Recorder.class);
        try (HubServer server = HubServer.builder().port(0).hub("/test", TestHub.class).injector(injector)
                .build().start();
             JavaClients clients = new JavaClients(server.port())) {
            HubConnection client = clients.connect("/test");
            String id = client.getConnectionId();
            assertEquals(id, Await.next(recorder.connected, "onConnected"));
            client.stop().blockingAwait(10, TimeUnit.SECONDS);
            assertEquals(id, Await.next(recorder.disconnected, "onDisconnected"));
        }
    }

    @Test
    void abortEndsTheConnectionAndTheClientIsTold() throws Exception {
        try (HubServer server = HubServer.builder().port(0).hub("/test", TestHub.class).build().start();
             JavaClients clients = new JavaClients(server.port())) {
            HubConnection client = clients.connect("/test");
            BlockingQueue<String> closed = new LinkedBlockingQueue<>();
            client.onClosed(error -> closed.add(error == null ? "clean" : error.getMessage()));
            client.send("abort");
            assertEquals("clean", Await.next(closed, "the client to be closed"));
            assertEquals(HubConnectionState.DISCONNECTED, client.getConnectionState());
        }
    }

    @Test
    void servicesReachClientsThroughAnInjectedHubContext() throws Exception {
        Injector injector = Guice.createInjector(new SwitchboardModule(TestHub.class));
        Announcer announcer = injector.getInstance(Announcer.class);
        try (HubServer server = HubServer.builder().port(0).hub("/test", TestHub.class).injector(injector)
                .build().start();
             JavaClients clients = new JavaClients(server.port())) {
            HubConnection client = clients.connect("/test");
            BlockingQueue<String> inbox = JavaClients.inbox(client, "msg");
            announcer.announce("from a service").get(10, TimeUnit.SECONDS);
            assertEquals("from a service", Await.next(inbox, "the service's message"));
            client.invoke("joinGroup", "news").timeout(10, TimeUnit.SECONDS).blockingAwait();
            injector.getInstance(SwitchboardModule.contextKey(TestHub.class)).clients().group("news")
                    .send("msg", "to the group").get(10, TimeUnit.SECONDS);
            assertEquals("to the group", Await.next(inbox, "the group message"));
        }
    }

    @Test
    void hubsGetTheirHubContextEvenWithoutTheModule() throws Exception {
        try (HubServer server = HubServer.builder().port(0).hub("/test", ContextHub.class).build().start();
             JavaClients clients = new JavaClients(server.port())) {
            HubConnection client = clients.connect("/test");
            BlockingQueue<String> inbox = JavaClients.inbox(client, "msg");
            client.invoke("broadcast", "through the context").timeout(10, TimeUnit.SECONDS).blockingAwait();
            assertEquals("through the context", Await.next(inbox, "the broadcast"));
        }
    }

    public static class ContextHub extends Hub {
        private final HubContext<ContextHub> self;

        @Inject
        public ContextHub(HubContext<ContextHub> self) {
            this.self = self;
        }

        @HubMethod
        public void broadcast(String text) {
            self.clients().all().send("msg", text);
        }
    }

    /** Refuses every connection in onConnected, the usual place to check who is connecting. */
    public static class RefusingHub extends Hub {
        private final TestHub.Recorder recorder;

        @Inject
        public RefusingHub(TestHub.Recorder recorder) {
            this.recorder = recorder;
        }

        @Override
        public void onConnected() {
            context().abort();
        }

        @Override
        public void onDisconnected(Throwable exception) {
            recorder.disconnected.add(context().connectionId());
        }

        @HubMethod
        public void secret(String value) {
            recorder.fireAndForget.add(value);
        }
    }

    @Test
    void callsThatArriveWithTheHandshakeDoNotRunOnAConnectionOnConnectedAborted() throws Exception {
        Injector injector = Guice.createInjector();
        TestHub.Recorder recorder = injector.getInstance(TestHub.Recorder.class);
        try (HubServer server = HubServer.builder().port(0).hub("/refuse", RefusingHub.class).injector(injector)
                .build().start();
             RawWebSocket client = RawWebSocket.connect(
                     URI.create("ws://localhost:" + server.port() + "/refuse"))) {
            // As the TS client batches them: the handshake and a call in one frame, queued behind onConnected.
            client.sendText(RawWebSocket.JSON_HANDSHAKE
                    + "{\"type\":1,\"target\":\"secret\",\"arguments\":[\"leaked\"]}" + RawWebSocket.RS);
            assertEquals("{}", client.next());
            assertEquals("{\"type\":7}", client.next());
            // onDisconnected runs after every call queued before it, so the call had its chance to run.
            Await.next(recorder.disconnected, "onDisconnected");
            assertNull(recorder.fireAndForget.poll());
        }
    }

    @Test
    void websocketWithoutNegotiateCreatesTheConnectionOnTheSpot() throws Exception {
        try (HubServer server = HubServer.builder().port(0).hub("/test", TestHub.class).build().start();
             JavaClients clients = new JavaClients(server.port())) {
            HubConnection client = clients.connect("/test",
                    builder -> builder.shouldSkipNegotiate(true).withTransport(TransportEnum.WEBSOCKETS));
            assertEquals(12, client.invoke(Integer.class, "add", 5, 7).timeout(10, TimeUnit.SECONDS).blockingGet());
            String id = client.invoke(String.class, "whoAmI").timeout(10, TimeUnit.SECONDS).blockingGet();
            assertEquals(22, id.length());
        }
    }

    @Test
    void hubMembersOutsideACallFailClearly() {
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> new ContextHub(null).clients());
        assertTrue(error.getMessage().contains("HubContext"));
    }

    @Test
    void closingTheServerTellsClientsTheyMayReconnect() throws Exception {
        HubServer server = HubServer.builder().port(0).hub("/test", TestHub.class).build().start();
        try (JavaClients clients = new JavaClients(server.port())) {
            HubConnection client = clients.connect("/test");
            BlockingQueue<Boolean> closed = new LinkedBlockingQueue<>();
            client.onClosed(error -> closed.add(error == null));
            server.close();
            assertSame(Boolean.TRUE, Await.next(closed, "the client to see the server go"));
            assertNull(closed.poll());
        }
    }
}
