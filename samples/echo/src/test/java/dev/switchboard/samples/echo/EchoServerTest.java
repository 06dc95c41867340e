package dev.switchboard.samples.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import com.microsoft.signalr.HubException;
import dev.switchboard.HubServer;
import dev.switchboard.testing.TextWebSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The echo endpoint through the JDK's WebSocket client, and the hub beside it through the official SignalR client. */
class EchoServerTest {

    private static final long TIMEOUT_SECONDS = TextWebSocket.TIMEOUT.toSeconds();

    private HubServer server;
    private TextWebSocket socket;
    private HubConnection hub;

    @BeforeEach
    void start() throws Exception {
        server = EchoServer.create(0).start();
    }

    /** A socket on the echo endpoint. */
    private TextWebSocket connect() throws Exception {
        return TextWebSocket.connect(URI.create("ws://localhost:" + server.port() + EchoEndpoint.PATH));
    }

    @AfterEach
    void stop() {
        if (hub != null) {
            hub.stop().blockingAwait(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        if (socket != null) {
            socket.close();
        }
        server.close();
    }

    @Test
    void theEndpointEchoesEachTextMessageAsItCame() throws Exception {
        socket = connect();
        for (String message : new String[] {"hello", "", "  spaced  ", "héllo ✓ 👋", "{\"type\":1}\u001e"}) {
            socket.send(message);
            assertEquals(message, socket.next());
        }
    }

    @Test
    void theHubAnswersOnTheSamePortWhileTheEndpointIsInUse() throws Exception {
        socket = connect();
        hub = HubConnectionBuilder.create("http://localhost:" + server.port() + EchoHub.PATH).build();
        hub.start().blockingAwait(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        socket.send("to the endpoint");
        assertEquals("from the hub", hub.invoke(String.class, "echo", "from the hub")
                .timeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).blockingGet());
        assertEquals("to the endpoint", socket.next());
        HubException error = assertThrows(HubException.class, () -> hub.invoke(String.class, "echo", (Object) null)
                .timeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).blockingGet());
        assertTrue(error.getMessage().contains("echo needs a message"), error.getMessage());
    }

    @Test
    void aCloseIsAnsweredWithItsCodeAndReason() throws Exception {
        socket = connect();
        assertEquals(new TextWebSocket.Closed(1000, "Closed by the user"), socket.close(1000, "Closed by the user"));
    }

    @Test
    void aMessageOverTheLimitClosesWith1009() throws Exception {
        socket = connect();
        String largest = "x".repeat(EchoEndpoint.MAX_MESSAGE_BYTES);
        socket.send(largest);
        assertEquals(largest, socket.next());
        socket.send(largest + "x");
        assertEquals(1009, socket.awaitClosed().code());
    }

    @Test
    void aBinaryMessageClosesWith1003() throws Exception {
        socket = connect();
        socket.sendBinary(new byte[] {1, 2, 3});
        assertEquals(new TextWebSocket.Closed(1003, "Only text messages are echoed"), socket.awaitClosed());
    }

    @Test
    void thePageAndItsFilesAreServedFromTheJar() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(TextWebSocket.TIMEOUT).build();
        HttpResponse<String> page = get(http, "/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("<label for=\"message\">Message</label>"), page.body());
        assertTrue(get(http, "/echo.js").headers().firstValue("Content-Type").orElse("").contains("javascript"));
        assertTrue(get(http, "/echo.css").headers().firstValue("Content-Type").orElse("").startsWith("text/css"));
    }

    private HttpResponse<String> get(HttpClient http, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                .timeout(TextWebSocket.TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    }
}
