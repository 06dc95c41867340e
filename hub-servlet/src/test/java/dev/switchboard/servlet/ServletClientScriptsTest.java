package dev.switchboard.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.fixtures.TestHub;
import dev.switchboard.servlet.ServletContainer.Kind;
import dev.switchboard.testing.Await;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A container serves the bundled client's four files at {@code /switchboard/}, as the embedded server does: the
 * client's ES module and script, and its MessagePack protocol's; any other name is 404.
 */
class ServletClientScriptsTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Await.TIMEOUT).build();
    /** Each file, and what shows it is that file. */
    private static final Map<String, String> FILES = Map.of(
            "switchboard.mjs", "HubConnectionBuilder",
            "switchboard.min.js", "globalThis.signalR",
            "switchboard-msgpack.mjs", "MessagePackHubProtocol",
            "switchboard-msgpack.min.js", ".msgpack=");

    static Stream<Kind> containers() {
        return ServletContainer.available().stream();
    }

    @ParameterizedTest
    @MethodSource("containers")
    void servesTheClientAndItsMessagePackProtocol(Kind kind) throws Exception {
        try (ServletContainer container = ServletContainer.programmatic(kind, hubs -> hubs.hub("/test", TestHub.class))) {
            String base = "http://127.0.0.1:" + container.port() + "/switchboard/";
            for (Map.Entry<String, String> file : FILES.entrySet()) {
                HttpResponse<String> response = get(base + file.getKey());
                assertEquals(200, response.statusCode(), file.getKey());
                assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/javascript"),
                        file.getKey());
                assertTrue(response.body().contains(file.getValue()), file.getKey());
            }
            assertEquals(404, get(base + "switchboard-msgpack.cjs").statusCode());
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Await.TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
