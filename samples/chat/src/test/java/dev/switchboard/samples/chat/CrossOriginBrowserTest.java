package dev.switchboard.samples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import dev.switchboard.HubServer;
import dev.switchboard.SwitchboardModule;
import dev.switchboard.testing.Browser;
import dev.switchboard.testing.NodeContract;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.WebElement;

/**
 * A page on one server uses the chat hub on another port, a foreign origin, in a real Chromium: with our bundled
 * client and with the official one, over each transport. When the hub's server lists the page's origin, the page
 * joins and hears its own message (CORS with credentials, preflights, and the WebSocket origin check all pass);
 * when it does not, the page sees the failure, and the hub's server holds no connection. Here rather than in
 * hub-server because the browser tests and their Selenium dependency live with the samples.
 */
@Tag("slow")
class CrossOriginBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String OUR_SCRIPT = "/switchboard/switchboard.min.js";
    private static final String OFFICIAL_SCRIPT = "/official/signalr.min.js";

    @TempDir
    Path folder;

    /** A page that connects to the hub named in its query string, joins as ada, and says one thing. */
    private static final String PAGE = """
            <!doctype html>
            <html><head><meta charset="utf-8"><title>Cross-origin</title></head>
            <body><p id="state">starting</p><p id="heard"></p>
            <script src="%s"></script>
            <script>
              const query = new URLSearchParams(location.search);
              const options = {};
              if (query.get("transport")) options.transport = signalR.HttpTransportType[query.get("transport")];
              if (query.get("skipNegotiation")) options.skipNegotiation = true;
              const connection = new signalR.HubConnectionBuilder().withUrl(query.get("hub"), options).build();
              const state = document.getElementById("state");
              const heard = document.getElementById("heard");
              connection.on("message", (from, text) => heard.textContent = from + ": " + text);
              connection.start()
                .then(() => connection.invoke("join", "ada"))
                .then(users => connection.invoke("send", "hello across origins").then(() => users))
                .then(users => {
                  state.dataset.transport = connection.transport || "";
                  state.textContent = "joined with " + users.join(",");
                })
                .catch(error => {
                  state.dataset.error = String(error);
                  state.textContent = "failed: " + error;
                });
            </script></body></html>
            """;

    @ParameterizedTest(name = "{0} client, {1}, origin allowed: {2}")
    @CsvSource({
        "ours, WebSockets, true",
        "ours, ServerSentEvents, true",
        "ours, LongPolling, true",
        "official, WebSockets, true",
        "official, ServerSentEvents, true",
        "official, LongPolling, true",
        "ours, WebSockets, false",
        "ours, ServerSentEvents, false",
        "ours, LongPolling, false",
        "official, WebSockets, false",
        "official, ServerSentEvents, false",
        "official, LongPolling, false",
    })
    void aPageOnAnotherOriginChatsOnlyWhenItsOriginIsAllowed(String client, String transport, boolean allowed)
            throws Exception {
        run(client, "transport=" + transport, allowed, allowed ? transport : null);
    }

    /** Straight to the WebSocket upgrade with no negotiate, and so no preflight: the upgrade's own check decides. */
    @ParameterizedTest(name = "{0} client, WebSockets without negotiate, origin allowed: {1}")
    @CsvSource({"ours, true", "ours, false", "official, true", "official, false"})
    void aWebSocketWithoutNegotiateIsCheckedByItsOrigin(String client, boolean allowed) throws Exception {
        run(client, "transport=WebSockets&skipNegotiation=true", allowed, allowed ? "WebSockets" : null);
    }

    private void run(String client, String query, boolean allowed, String expectedTransport) throws Exception {
        Path site = site(client);
        try (HubServer pages = HubServer.builder().port(0).staticFiles(site).build().start()) {
            String pageOrigin = "http://localhost:" + pages.port();
            HubServer.Builder hub = HubServer.builder().port(0).hub("/chat", ChatHub.class)
                    .injector(Guice.createInjector(new SwitchboardModule(ChatHub.class)));
            if (allowed) {
                hub.allowedOrigins(pageOrigin);
            }
            try (HubServer chat = hub.build().start(); Browser browser = Browser.open()) {
                String hubUrl = "http://localhost:" + chat.port() + "/chat";
                browser.get(pageOrigin + "/index.html?hub=" + hubUrl + "&" + query);
                String name = "cross-origin-" + client + "-" + query.replaceAll("\\W+", "-") + "-" + allowed;
                if (allowed) {
                    browser.waitForText("#state", "joined with ada");
                    browser.waitForText("#heard", "ada: hello across origins");
                    if (client.equals("ours")) {
                        assertEquals(expectedTransport, browser.waitFor("#state").getDomAttribute("data-transport"));
                    }
                    assertEquals(1, chat.connectionCount());
                } else {
                    WebElement state = browser.waitFor("#state[data-error]");
                    assertTrue(state.getText().startsWith("failed: "), state.getText());
                    assertEquals(0, chat.connectionCount(), "A refused page got a connection");
                }
                browser.screenshot(SCREENSHOTS.resolve(name + ".png"));
            }
        }
    }

    private Path site(String client) throws Exception {
        Path site = folder.resolve("site");
        Files.createDirectories(site.resolve("official"));
        String script = OUR_SCRIPT;
        if (client.equals("official")) {
            Files.copy(NodeContract.officialBrowserScript(), site.resolve("official/signalr.min.js"));
            script = OFFICIAL_SCRIPT;
        }
        Files.writeString(site.resolve("index.html"), PAGE.formatted(script));
        return site;
    }
}
