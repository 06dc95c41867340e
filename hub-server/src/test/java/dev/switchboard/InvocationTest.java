package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.inject.Guice;
import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.TypeReference;
import dev.switchboard.fixtures.TestHub;
import dev.switchboard.testing.Await;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Invocations from the official Java client over WebSocket: values, futures, errors and order. */
class InvocationTest {

    private TestHub.Recorder recorder;
    private HubServer server;
    private JavaClients clients;
    private HubConnection client;

    @BeforeEach
    void start() throws Exception {
        var injector = Guice.createInjector();
        recorder = injector.getInstance(TestHub.Recorder.class);
        server = HubServer.builder().port(0).hub("/test", TestHub.class).injector(injector).build().start();
        clients = new JavaClients(server.port());
        client = clients.connect("/test");
    }

    @AfterEach
    void stop() {
        clients.close();
        server.close();
    }

    private <T> T invoke(Class<T> type, String method, Object... args) {
        return client.invoke(type, method, args).timeout(10, TimeUnit.SECONDS).blockingGet();
    }

    private <T> T invoke(Type type, String method, Object... args) {
        return client.<T>invoke(type, method, args).timeout(10, TimeUnit.SECONDS).blockingGet();
    }

    private String errorOf(String method, Object... args) {
        return assertThrows(com.microsoft.signalr.HubException.class,
                () -> client.invoke(String.class, method, args).timeout(10, TimeUnit.SECONDS).blockingGet())
                .getMessage();
    }

    @Test
    void returnsValuesOfEveryBindableType() {
        assertEquals(42, invoke(Integer.class, "add", 40, 2));
        assertEquals("héllo \u001e", invoke(String.class, "echo", "héllo \u001e"));
        ClientPoint point = invoke(ClientPoint.class, "echoPoint", new ClientPoint(3, 4));
        assertEquals(3, point.x);
        assertEquals(4, point.y);
        assertEquals(List.of(1, 2, 3), invoke(new TypeReference<List<Integer>>() { }.getType(), "echoList",
                List.of(1, 2, 3)));
        assertEquals(Map.of("a", 1), invoke(new TypeReference<Map<String, Integer>>() { }.getType(), "echoMap",
                Map.of("a", 1)));
        assertEquals(TestHub.Color.GREEN, invoke(TestHub.Color.class, "echoEnum", TestHub.Color.GREEN));
        JsonObject node = new JsonObject();
        node.addProperty("any", "shape");
        assertEquals(node, invoke(JsonObject.class, "echoNode", node));
        assertEquals(7, invoke(Integer.class, "echoBoxed", 7));
    }

    @Test
    void voidMethodsAndVoidFuturesComplete() {
        client.invoke("doNothing").timeout(10, TimeUnit.SECONDS).blockingAwait();
        client.invoke("laterVoid").timeout(10, TimeUnit.SECONDS).blockingAwait();
    }

    @Test
    void aFutureResultIsAwaited() {
        assertEquals("soon!", invoke(String.class, "later", "soon"));
    }

    @Test
    void methodNamesMatchCaseInsensitivelyAndHonourTheAnnotation() {
        assertEquals(3, invoke(Integer.class, "ADD", 1, 2));
        assertEquals("renamed", invoke(String.class, "Renamed"));
        assertTrue(errorOf("originalName").contains("Unknown hub method 'originalName'"));
    }

    @Test
    void hubExceptionsReachTheClientAndOtherErrorsStayGeneric() {
        assertEquals("An unexpected error occurred invoking 'fail' on the server. HubException: nope",
                errorOf("fail", "nope"));
        String crash = errorOf("crash");
        assertEquals("An unexpected error occurred invoking 'crash' on the server.", crash);
        assertFalse(crash.contains("secret"));
        assertEquals("An unexpected error occurred invoking 'crashLater' on the server.", errorOf("crashLater"));
    }

    @Test
    void detailedErrorsAddTheExceptionMessage() throws Exception {
        try (HubServer detailed = HubServer.builder().port(0).hub("/test", TestHub.class)
                .options(HubOptions.defaults().withEnableDetailedErrors(true)).build().start();
             JavaClients others = new JavaClients(detailed.port())) {
            HubConnection connection = others.connect("/test");
            String error = assertThrows(com.microsoft.signalr.HubException.class,
                    () -> connection.invoke(String.class, "crash").timeout(10, TimeUnit.SECONDS).blockingGet())
                    .getMessage();
            assertEquals("An unexpected error occurred invoking 'crash' on the server. "
                    + "IllegalStateException: secret detail", error);
        }
    }

    @Test
    void badArgumentsAndUnknownMethodsAreErrorsAndTheConnectionGoesOn() {
        assertEquals("Failed to invoke 'add' due to an error on the server. "
                + "Invocation provides 1 argument(s) but target expects 2.", errorOf("add", 1));
        assertEquals("Failed to invoke 'add' due to an error on the server. Argument 1 is not a valid int.",
                errorOf("add", "one", 2));
        assertTrue(errorOf("echoPoint", List.of(1)).startsWith("Failed to invoke 'echoPoint'"));
        assertEquals("Unknown hub method 'nothingHere'", errorOf("nothingHere"));
        assertEquals(5, invoke(Integer.class, "add", 2, 3));
    }

    @Test
    void fireAndForgetCallsRunWithoutAnAnswer() throws Exception {
        client.send("record", "one");
        client.send("nothingHere");
        client.send("fail", "ignored");
        assertEquals("one", Await.next(recorder.fireAndForget, "the fire-and-forget call"));
        assertEquals(2, invoke(Integer.class, "add", 1, 1));
    }

    @Test
    void oneConnectionsCallsRunOneAtATimeInArrivalOrder() {
        client.send("append", "slow", 200);
        client.send("append", "medium", 50);
        client.send("append", "fast", 0);
        assertEquals(List.of("slow", "medium", "fast"), invoke(List.class, "order"));
    }

    @Test
    void everyCallGetsANewHubInstance() {
        int before = invoke(Integer.class, "hubsCreated");
        int after = invoke(Integer.class, "hubsCreated");
        assertEquals(before + 1, after);
    }

    @Test
    void theContextKnowsTheConnectionAndKeepsItsItems() {
        assertEquals(client.getConnectionId(), invoke(String.class, "whoAmI"));
        client.invoke("remember", "kept").timeout(10, TimeUnit.SECONDS).blockingAwait();
        assertEquals("kept", invoke(String.class, "recall"));
        assertEquals("WEB_SOCKETS", invoke(String.class, "transport"));
    }

    /** The server binds records; the Java client's Gson 2.8 cannot build them, so it uses a plain class. */
    static final class ClientPoint {
        int x;
        int y;

        ClientPoint(int x, int y) {
            this.x = x;
            this.y = y;
        }
    }
}
