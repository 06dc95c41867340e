package dev.switchboard.samples.springchat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import com.microsoft.signalr.TransportEnum;
import dev.switchboard.testing.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The Spring chat room with the official Java client, as the sample's users sign in (HTTP Basic here, the form in
 * a browser): the chat sample's hub contract over WebSockets and long polling, the REST announcement through
 * {@code HubContext}, and what is refused without a user.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SpringChatTest {

    private static final long TIMEOUT = Await.TIMEOUT.toSeconds();

    @Value("${local.server.port}")
    private int port;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<HubConnection> connections = new ArrayList<>();

    @AfterEach
    void stop() {
        for (HubConnection connection : connections) {
            try {
                connection.stop().blockingAwait(TIMEOUT, TimeUnit.SECONDS);
            } catch (RuntimeException e) {
                // How the client's socket ended as it stopped: the tests judge the chat.
            }
        }
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    private record Member(HubConnection connection, BlockingQueue<String> inbox) {}

    /** A user signed in as {@code user}, joined with that nickname; its inbox has every event as text. */
    private Member join(String user, TransportEnum transport) {
        HubConnection connection = HubConnectionBuilder.create("http://localhost:" + port + "/chat")
                .withTransport(transport).withHeader("Authorization", basic(user)).build();
        connections.add(connection);
        BlockingQueue<String> inbox = new LinkedBlockingQueue<>();
        connection.on("message", (from, text) -> inbox.add(from + ": " + text), String.class, String.class);
        connection.on("userJoined", name -> inbox.add("joined " + name), String.class);
        connection.on("userLeft", name -> inbox.add("left " + name), String.class);
        connection.start().blockingAwait(TIMEOUT, TimeUnit.SECONDS);
        connection.invoke(List.class, "join", user).timeout(TIMEOUT, TimeUnit.SECONDS).blockingGet();
        return new Member(connection, inbox);
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
    void signedInUsersChatOverWebSocketsAndLongPolling() throws Exception {
        Member ada = join("ada", TransportEnum.WEBSOCKETS);
        Member grace = join("grace", TransportEnum.LONG_POLLING);
        assertEquals("joined grace", Await.next(ada.inbox(), "grace joining"));
        grace.connection().invoke("send", "hello, ada").timeout(TIMEOUT, TimeUnit.SECONDS).blockingAwait();
        assertEquals("grace: hello, ada", Await.next(ada.inbox(), "grace's message"));
        assertEquals("grace: hello, ada", Await.next(grace.inbox(), "grace's own message"));
        grace.connection().stop().blockingAwait(TIMEOUT, TimeUnit.SECONDS);
        assertEquals("left grace", Await.next(ada.inbox(), "grace leaving"));
    }

    @Test
    void anAdminsAnnouncementReachesTheRoomThroughTheHubContext() throws Exception {
        Member linus = join("linus", TransportEnum.WEBSOCKETS);
        HttpResponse<String> posted = send("POST", "/api/announcements", "lunch is served", "ada");
        assertEquals(202, posted.statusCode(), posted.body());
        assertEquals("announcement by ada: lunch is served", Await.next(linus.inbox(), "the announcement"));
        assertEquals(403, send("POST", "/api/announcements", "not an admin", "grace").statusCode());
        assertEquals(401, send("POST", "/api/announcements", "nobody", null).statusCode());
        assertEquals(400, send("POST", "/api/announcements", " ", "ada").statusCode());
    }

    @Test
    void withoutAUserTheHubAnswers401AndThePageSendsToTheLoginForm() throws Exception {
        HttpResponse<String> refused = send("POST", "/chat/negotiate?negotiateVersion=1", "", null);
        assertEquals(401, refused.statusCode());
        // Hub paths match ignoring case, and so does the security rule: the same answer, from the same filter.
        HttpResponse<String> otherCase = send("POST", "/CHAT/negotiate?negotiateVersion=1", "", null);
        assertEquals(401, otherCase.statusCode());
        assertEquals(refused.headers().allValues("WWW-Authenticate"), otherCase.headers().allValues("WWW-Authenticate"));
        // As a browser asks for it: scripts, which accept anything, get HTTP Basic's 401 instead.
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/"))
                .header("Accept", "text/html,application/xhtml+xml").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, page.statusCode());
        assertTrue(page.headers().firstValue("Location").orElseThrow().endsWith("/login"));
        assertEquals(200, send("GET", "/login", null, null).statusCode());
    }

    @Test
    void thePageIsTheChatSamplesPage() throws Exception {
        HttpResponse<String> page = send("GET", "/", null, "grace");
        assertEquals(200, page.statusCode());
        assertEquals(Files.readString(Path.of("../chat/src/main/resources/static/index.html")), page.body());
        assertEquals(200, send("GET", "/chat.js", null, "grace").statusCode());
        assertEquals(200, send("GET", "/switchboard/switchboard.min.js", null, "grace").statusCode());
    }
}
