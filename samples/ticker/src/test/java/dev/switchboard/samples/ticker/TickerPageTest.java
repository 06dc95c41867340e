package dev.switchboard.samples.ticker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ticker page at {@code /}, its script and its style sheet, served from the classpath folder {@code static}. */
class TickerPageTest {

    private static TickerServer server;
    private static HttpClient http;

    @BeforeAll
    static void start() throws IOException {
        server = TickerServer.create(TickerOptions.onPort(0)).start();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void rootServesThePageWithTheBundledClientAndItsOwnFiles() throws Exception {
        String html = get("/", "text/html").body();
        assertTrue(html.startsWith("<!DOCTYPE html>"), html);
        assertTrue(html.contains("<script src=\"/switchboard/switchboard.min.js\"></script>"), html);
        assertTrue(html.contains("<script src=\"ticker.js\"></script>"), html);
        assertTrue(html.contains("<link rel=\"stylesheet\" href=\"ticker.css\">"), html);
        assertTrue(html.contains("<meta name=\"viewport\""), "works at phone width");
        assertTrue(html.contains("<label for=\"symbol\">Symbol</label>"), "the symbol field has a label");
        for (String button : new String[] {"Open market", "Close market", "Reset", "Watch", "Stop"}) {
            assertTrue(html.contains(">" + button + "</button>"), () -> "a button " + button);
        }
        get("/switchboard/switchboard.min.js", "javascript");
    }

    @Test
    void scriptUsesTheHubAndStylesAdaptToPhones() throws Exception {
        String script = get("/ticker.js", "javascript").body();
        assertTrue(script.contains("new signalR.HubConnectionBuilder()"), "uses the SignalR client API");
        assertTrue(script.contains(".withUrl(\"/ticker\")"), "connects to the ticker hub");
        assertTrue(script.contains("connection.stream(\"streamStock\""), "streams the watched symbol");
        assertTrue(get("/ticker.css", "text/css").body().contains("@media"), "adapts to narrow screens");
    }

    @Test
    void pageLoadsNothingFromElsewhere() throws Exception {
        for (String path : new String[] {"/", "/ticker.css"}) {
            String body = get(path, "text/").body();
            assertFalse(body.contains("http://") || body.contains("https://") || body.contains("\"//")
                    || body.contains("url(//"), () -> path + " refers to another site");
        }
    }

    /** Every element the comment at the top of ticker.js promises to the browser tests is in the page. */
    @Test
    void everyDocumentedElementIdIsOnThePage() throws Exception {
        String script = get("/ticker.js", "javascript").body();
        String contract = script.substring(0, script.indexOf("*/"));
        Set<String> ids = new LinkedHashSet<>();
        Matcher id = Pattern.compile("#([a-z][a-z-]*)").matcher(contract);
        while (id.find()) {
            ids.add(id.group(1));
        }
        assertTrue(ids.size() >= 15, () -> "documented ids: " + ids);
        String html = get("/", "text/html").body();
        for (String name : ids) {
            assertTrue(html.contains("id=\"" + name + "\""),
                    () -> "#" + name + " is documented in ticker.js but not on the page");
        }
    }

    private static HttpResponse<String> get(String path, String contentType) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                .timeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path);
        String type = response.headers().firstValue("Content-Type").orElse("");
        assertTrue(type.contains(contentType), () -> path + " Content-Type: " + type);
        return response;
    }
}
