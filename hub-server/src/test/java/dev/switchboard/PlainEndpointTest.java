package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.signalr.HubConnection;
import dev.switchboard.fixtures.TestHub;
import dev.switchboard.testing.TextWebSocket;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plain Jakarta WebSocket endpoints beside hubs, on the hubs' port, and what the builder refuses. */
class PlainEndpointTest {

    @ServerEndpoint("/shout")
    public static class ShoutEndpoint {
        @OnMessage
        public String shout(String text) {
            return text.toUpperCase(Locale.ROOT);
        }
    }

    @ServerEndpoint("/rooms/{room}")
    public static class RoomEndpoint {
        @OnMessage
        public String greet(String name, @PathParam("room") String room) {
            return name + " is in " + room;
        }
    }

    @ServerEndpoint("/test")
    public static class OnTheHubsPath {
    }

    @ServerEndpoint("/test/negotiate")
    public static class OnTheHubsNegotiatePath {
    }

    @ServerEndpoint("/shout")
    public static class AnotherShout {
    }

    @ServerEndpoint("relative")
    public static class RelativePath {
    }

    @ServerEndpoint("/broken")
    public static class Broken {
        @OnMessage
        public void take(String text, String another, Thread undecodable) {
        }
    }

    public static class NotAnnotated {
    }

    @Test
    void plainEndpointsAndHubsShareThePort() throws Exception {
        try (HubServer server = HubServer.builder().port(0).hub("/test", TestHub.class)
                .endpoint(ShoutEndpoint.class).endpoint(RoomEndpoint.class).build().start();
             JavaClients clients = new JavaClients(server.port());
             TextWebSocket shout = TextWebSocket.connect(ws(server, "/shout"));
             TextWebSocket room = TextWebSocket.connect(ws(server, "/rooms/java"))) {
            shout.send("hello");
            assertEquals("HELLO", shout.next());
            room.send("ada");
            assertEquals("ada is in java", room.next());

            HubConnection hub = clients.connect("/test");
            assertEquals("hub", hub.invoke(String.class, "echo", "hub").timeout(10, TimeUnit.SECONDS).blockingGet());

            shout.send("still here");
            assertEquals("STILL HERE", shout.next());
            assertEquals(new TextWebSocket.Closed(1000, "done"), shout.close(1000, "done"));
        }
    }

    /** Without hubs asking for more, a plain endpoint's messages may reach 1 MB; a longer one is refused with 1009. */
    @Test
    void aPlainEndpointReadsMessagesUpToTheLargestFrameAndRefusesLongerOnes() throws Exception {
        int largest = 1024 * 1024;
        try (HubServer server = HubServer.builder().port(0).endpoint(ShoutEndpoint.class).build().start();
             TextWebSocket shout = TextWebSocket.connect(ws(server, "/shout"))) {
            shout.send("a".repeat(largest));
            assertEquals("A".repeat(largest), shout.next());
            shout.send("a".repeat(largest + 1));
            assertEquals(new TextWebSocket.Closed(1009, "The maximum message size of " + largest + "B was exceeded."),
                    shout.awaitClosed());
        }
    }

    @Test
    void upgradesToUnknownPathsAreRefusedWith404EvenWhereAFileIs(@TempDir Path web) throws Exception {
        Files.writeString(web.resolve("index.html"), "<h1>hello</h1>");
        try (HubServer server = HubServer.builder().port(0).hub("/test", TestHub.class)
                .endpoint(ShoutEndpoint.class).staticFiles(web).build().start()) {
            assertEquals(404, refusedUpgrade(ws(server, "/nowhere")));
            assertEquals(404, refusedUpgrade(ws(server, "/shout/more")));
            assertEquals(404, refusedUpgrade(ws(server, "/index.html")));
            assertEquals(404, refusedUpgrade(ws(server, "/")));
        }
    }

    @Test
    void anEndpointMayNotTakeAHubsPaths() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> HubServer.builder().port(0).endpoint(OnTheHubsPath.class).hub("/test", TestHub.class).build());
        assertEquals("WebSocket endpoint " + OnTheHubsPath.class.getName() + " cannot be mapped at /test: hub "
                + TestHub.class.getName() + " is mapped at /test", error.getMessage());
        error = assertThrows(IllegalArgumentException.class, () -> HubServer.builder().port(0)
                .hub("/test", TestHub.class).endpoint(OnTheHubsNegotiatePath.class).build());
        assertTrue(error.getMessage().contains("cannot be mapped at /test/negotiate"), error.getMessage());
    }

    @Test
    void endpointsMustBeAnnotatedWithAnAbsoluteUnusedPath() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> HubServer.builder().endpoint(NotAnnotated.class));
        assertEquals(NotAnnotated.class.getName() + " is not annotated with @ServerEndpoint; a plain WebSocket "
                + "endpoint must be, such as @ServerEndpoint(\"/echo\")", error.getMessage());
        error = assertThrows(IllegalArgumentException.class,
                () -> HubServer.builder().endpoint(ShoutEndpoint.class).endpoint(AnotherShout.class));
        assertEquals("A WebSocket endpoint is already mapped at /shout: " + ShoutEndpoint.class.getName(),
                error.getMessage());
        error = assertThrows(IllegalArgumentException.class, () -> HubServer.builder().endpoint(RelativePath.class));
        assertTrue(error.getMessage().contains("must start with /, not relative"), error.getMessage());
        assertThrows(NullPointerException.class, () -> HubServer.builder().endpoint(null));
    }

    @Test
    void anEndpointTyrusCannotCallFailsTheBuild() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> HubServer.builder().port(0).endpoint(Broken.class).build());
        assertTrue(error.getMessage().startsWith("Cannot deploy WebSocket endpoint " + Broken.class.getName()),
                error.getMessage());
    }

    private static URI ws(HubServer server, String path) {
        return URI.create("ws://localhost:" + server.port() + path);
    }

    private static int refusedUpgrade(URI uri) {
        ExecutionException failure = assertThrows(ExecutionException.class, () -> TextWebSocket.connect(uri));
        return ((WebSocketHandshakeException) failure.getCause()).getResponse().statusCode();
    }
}
