package dev.switchboard.spring;

import static dev.switchboard.testing.RawWebSocket.JSON_HANDSHAKE;
import static dev.switchboard.testing.RawWebSocket.RS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HttpHubConnectionBuilder;
import com.microsoft.signalr.HubConnectionBuilder;
import com.microsoft.signalr.HubException;
import com.microsoft.signalr.TransportEnum;
import dev.switchboard.HubContext;
import dev.switchboard.spring.app.ChatHub;
import dev.switchboard.spring.app.SecureHub;
import dev.switchboard.spring.app.TestApplication;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.EventStream;
import dev.switchboard.testing.RawHttp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A Spring Boot application with the starter, its hubs driven by the official Java client over WebSockets and long
 * polling and by a plain HTTP client over Server-Sent Events, on the application's own port. The same class runs on
 * Tomcat (surefire's default execution) and on Jetty (its {@code jetty} execution), which system property
 * {@code switchboard.test.server} names.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"switchboard.hub.enable-detailed-errors=true", "switchboard.shutdown-timeout=2s"})
class StarterApplicationTest {

    private static final long TIMEOUT = Await.TIMEOUT.toSeconds();

    @Value("${local.server.port}")
    private int port;

    @Autowired
    private HubContext<ChatHub> chatContext;

    @Autowired
    private HubContext<SecureHub> secureContext;

    @Autowired
    private TestApplication.Announcements announcements;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<HubConnection> connections = new ArrayList<>();

    @AfterEach
    void stopClients() {
        for (HubConnection connection : connections) {
            try {
                connection.stop().blockingAwait(TIMEOUT, TimeUnit.SECONDS);
            } catch (RuntimeException e) {
                // How the client's socket ended as it stopped (an EOF after the server's Close message): the tests
                // judge the calls, as hub-server's JavaClients does.
            }
        }
    }

    private HubConnection connect(String path, TransportEnum transport, String user) {
        HttpHubConnectionBuilder builder = HubConnectionBuilder.create("http://localhost:" + port + path)
                .withTransport(transport);
        if (user != null) {
            builder.withHeader("Authorization", basic(user));
        }
        HubConnection connection = builder.build();
        connections.add(connection);
        connection.start().blockingAwait(TIMEOUT, TimeUnit.SECONDS);
        return connection;
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user + "-pw").getBytes(StandardCharsets.UTF_8));
    }

    private static <T> T call(HubConnection connection, Class<T> type, String method, Object... args) {
        return connection.invoke(type, method, args).timeout(TIMEOUT, TimeUnit.SECONDS).blockingGet();
    }

    private HttpResponse<String> send(String method, String path, String body, String user) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "text/plain");
        if (user != null) {
            request.header("Authorization", basic(user));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theApplicationRunsOnTheExpectedServerAndSpringBoot() throws Exception {
        String expected = System.getProperty("switchboard.test.server", "tomcat");
        String serverInfo = send("GET", "/api/server", null, null).body();
        assertTrue(serverInfo.toLowerCase().contains(expected), serverInfo);
        String boot = System.getProperty("switchboard.test.spring-boot", "4.0");
        assertTrue(SpringBootVersion.getVersion().startsWith(boot + "."), SpringBootVersion.getVersion());
    }

    @Test
    void aHubBeanWithAnInjectedServiceAndAFilterBeanAnswersOverWebSockets() {
        HubConnection client = connect("/chat", TransportEnum.WEBSOCKETS, null);
        assertEquals("Hello, ada (filtered by Greeter's filter)", call(client, String.class, "greet", "ada"));
        assertEquals("WEB_SOCKETS", call(client, String.class, "transport"));
        assertEquals("anonymous", call(client, String.class, "whoAmI"));
    }

    @Test
    void hubMethodsTakeBeansAsParametersResolvedForEveryCall() {
        HubConnection client = connect("/chat", TransportEnum.WEBSOCKETS, null);
        assertEquals("Good day; Hello, ada", call(client, String.class, "salute", "ada"));
        int first = call(client, Integer.class, "callNumber");
        assertTrue(call(client, Integer.class, "callNumber") > first, "a prototype bean is new for every call");
        HubException error = assertThrows(HubException.class, () -> call(client, String.class, "salute", "ada",
                "Good day"));
        assertEquals("Failed to invoke 'salute' due to an error on the server. "
                + "Invocation provides 2 argument(s) but target expects 1.", error.getMessage());
    }

    @Test
    void aHubBeanAnswersOverLongPolling() {
        HubConnection client = connect("/chat", TransportEnum.LONG_POLLING, null);
        assertEquals("Hello, grace (filtered by Greeter's filter)", call(client, String.class, "greet", "grace"));
        assertEquals("LONG_POLLING", call(client, String.class, "transport"));
    }

    @Test
    void aHubBeanAnswersOverServerSentEvents() throws Exception {
        RawHttp raw = new RawHttp(port, "/chat");
        String token = raw.negotiate();
        try (EventStream stream = EventStream.open("http://localhost:" + port + "/chat?id=" + token)) {
            assertEquals(200, stream.response.statusCode());
            assertEquals(200, raw.post(token, JSON_HANDSHAKE).statusCode());
            assertEquals("{}", stream.next());
            raw.post(token, "{\"type\":1,\"invocationId\":\"1\",\"target\":\"transport\",\"arguments\":[]}" + RS);
            assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":\"SERVER_SENT_EVENTS\"}", stream.nextNonPing());
        }
    }

    @Test
    void clientsOfEveryTransportHearEachOther() throws Exception {
        HubConnection sockets = connect("/chat", TransportEnum.WEBSOCKETS, null);
        HubConnection polling = connect("/chat", TransportEnum.LONG_POLLING, null);
        BlockingQueue<String> toPolling = new LinkedBlockingQueue<>();
        polling.on("message", toPolling::add, String.class);
        sockets.invoke("send", "hi all").timeout(TIMEOUT, TimeUnit.SECONDS).blockingAwait();
        assertEquals("hi all", Await.next(toPolling, "the broadcast"));
    }

    @Test
    void aRestControllerBroadcastsThroughTheInjectedHubContext() throws Exception {
        assertSame(chatContext, announcements.context(), "one HubContext<ChatHub> bean");
        assertTrue(chatContext != (Object) secureContext, "a context per hub");
        HubConnection client = connect("/chat", TransportEnum.WEBSOCKETS, null);
        BlockingQueue<String> inbox = new LinkedBlockingQueue<>();
        client.on("message", inbox::add, String.class);
        HttpResponse<String> response = send("POST", "/api/announcements", "lunch is served", null);
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("announcement: lunch is served", Await.next(inbox, "the announcement"));
    }

    @Test
    void anUnauthenticatedNegotiateGets401NotTheLoginPage() throws Exception {
        HttpResponse<String> response = send("POST", "/secure/negotiate?negotiateVersion=1", "", null);
        assertEquals(401, response.statusCode(), response.headers().map().toString());
        HttpResponse<String> wrong = send("POST", "/secure/negotiate?negotiateVersion=1", "", "nobody");
        assertEquals(401, wrong.statusCode());
        assertEquals(200, send("POST", "/secure/negotiate?negotiateVersion=1", "", "bob").statusCode());
    }

    @Test
    void theSpringSecurityUserAndRolesReachTheHubOverEachTransport() {
        HubConnection alice = connect("/secure", TransportEnum.WEBSOCKETS, "alice");
        assertEquals("alice [ADMIN, USER] alice", call(alice, String.class, "whoAmI"));
        assertEquals("welcome, admin", call(alice, String.class, "adminOnly"));
        assertEquals("welcome, admin by policy", call(alice, String.class, "adminsByPolicy"));
        HubConnection bob = connect("/secure", TransportEnum.LONG_POLLING, "bob");
        assertEquals("bob [USER] bob", call(bob, String.class, "whoAmI"));
        HubConnection carol = connect("/chat", TransportEnum.WEBSOCKETS, "alice");
        assertEquals("alice [ADMIN, USER]", call(carol, String.class, "whoAmI"));
    }

    @Test
    void hubPathsMatchIgnoringCaseWithSpringSecuritysUser() {
        HubConnection alice = connect("/SECURE", TransportEnum.WEBSOCKETS, "alice");
        assertEquals("alice [ADMIN, USER] alice", call(alice, String.class, "whoAmI"));
        HubConnection bob = connect("/Secure", TransportEnum.LONG_POLLING, "bob");
        assertEquals("bob [USER] bob", call(bob, String.class, "whoAmI"));
    }

    @Test
    void authorizeRefusesAUserWithoutTheRole() {
        HubConnection bob = connect("/secure", TransportEnum.WEBSOCKETS, "bob");
        HubException refused = assertThrows(HubException.class, () -> call(bob, String.class, "adminOnly"));
        assertEquals("Failed to invoke 'adminOnly' because user is unauthorized", refused.getMessage());
        assertEquals("Failed to invoke 'adminsByPolicy' because user is unauthorized", assertThrows(
                HubException.class, () -> call(bob, String.class, "adminsByPolicy")).getMessage());
    }

    @Test
    void propertiesSetTheHubOptions() {
        HubConnection client = connect("/chat", TransportEnum.WEBSOCKETS, null);
        HubException error = assertThrows(HubException.class, () -> call(client, String.class, "fail"));
        assertTrue(error.getMessage().contains("IllegalStateException: boom"), error.getMessage());
    }

    @Test
    void theBrowserClientIsServed() throws Exception {
        HttpResponse<String> script = send("GET", "/switchboard/switchboard.min.js", null, null);
        assertEquals(200, script.statusCode());
        assertTrue(script.body().contains("HubConnectionBuilder"));
    }
}
