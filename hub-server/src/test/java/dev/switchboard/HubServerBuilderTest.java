package dev.switchboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Inject;
import dev.switchboard.fixtures.TestHub;
import dev.switchboard.testing.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the builder refuses at start-up, and what a started server reports and serves. */
class HubServerBuilderTest {

    public static class OverloadedHub extends Hub {
        @HubMethod
        public int send(int value) {
            return value;
        }

        @HubMethod
        public String send(String value) {
            return value;
        }
    }

    public interface Unbound {
    }

    public static class UninjectableHub extends Hub {
        @Inject
        public UninjectableHub(Unbound missing) {
        }
    }

    @Test
    void overloadedHubMethodsFailAtStartUpNamingBoth() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> HubServer.builder().port(0).hub("/x", OverloadedHub.class).build());
        assertTrue(error.getMessage().contains("OverloadedHub has two methods named 'send'"), error.getMessage());
        assertTrue(error.getMessage().contains("send(int)") && error.getMessage().contains("send(String)"));
    }

    @Test
    void aHubGuiceCannotCreateFailsAtStartUp() {
        RuntimeException error = assertThrows(RuntimeException.class,
                () -> HubServer.builder().port(0).hub("/x", UninjectableHub.class).build());
        assertTrue(error.getMessage().contains("Unbound"), error.getMessage());
    }

    @Test
    void hubPathsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> HubServer.builder().hub("chat", TestHub.class));
        assertThrows(IllegalArgumentException.class, () -> HubServer.builder().hub("/chat/", TestHub.class));
        assertThrows(IllegalArgumentException.class,
                () -> HubServer.builder().hub("/chat", TestHub.class).hub("/chat", TestHub.class));
        assertThrows(IllegalArgumentException.class, () -> HubServer.builder().port(70000));
    }

    @Test
    void portZeroPicksAFreePortAndStaticFilesAreServedBesideTheHub(@TempDir Path web) throws Exception {
        Files.writeString(web.resolve("index.html"), "<h1>hello</h1>");
        try (HubServer server = HubServer.builder().port(0).hub("/test", TestHub.class).staticFiles(web)
                .build().start()) {
            assertTrue(server.port() > 0);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + server.port() + "/index.html")).timeout(Await.TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertEquals("<h1>hello</h1>", page.body());
            HttpResponse<String> negotiate = http.send(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + server.port() + "/test/negotiate?negotiateVersion=1"))
                    .timeout(Await.TIMEOUT).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, negotiate.statusCode());
        }
    }
}
