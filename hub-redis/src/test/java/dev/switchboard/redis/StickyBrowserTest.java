package dev.switchboard.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.HubServer;
import dev.switchboard.redis.StickyServers.Route;
import dev.switchboard.testing.Browser;
import dev.switchboard.testing.NodeContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Real Chromiums use the hub through the sticky nginx, which pins each browser to a server with its cookie; the
 * page opens one connection per transport with the official browser client. Every connection of a browser lands
 * on the browser's server, and each browser hears, on every transport, what one on the other server says. The
 * page comes through nginx too, or from another origin of the same site, which sends the cookie with CORS.
 * From there, the page's first request to nginx is a negotiate; so it starts one connection, which gets the
 * cookie, before the others.
 */
@Tag("slow")
class StickyBrowserTest {

    private static final List<String> TRANSPORTS = List.of("WebSockets", "ServerSentEvents", "LongPolling");
    /** Where a new browser lands is nginx's draw: with two servers, 16 all on one has odds of 2^-15. */
    private static final int MAX_BROWSERS = 16;

    /** Connects to the hub its query names once per transport, says where each landed, lists what each hears. */
    private static final String PAGE = """
            <!doctype html>
            <html><head><meta charset="utf-8"><title>Sticky</title></head>
            <body><p id="state">starting</p><ul id="heard"></ul>
            <script src="/official/signalr.min.js"></script>
            <script>
              const hub = new URLSearchParams(location.search).get("hub");
              const state = document.getElementById("state");
              const heard = document.getElementById("heard");
              const connections = [];
              window.send = text => connections[0].invoke("send", text);
              async function connect(name) {
                const connection = new signalR.HubConnectionBuilder()
                    .withUrl(hub, { transport: signalR.HttpTransportType[name] }).build();
                connection.on("message", text => {
                  const item = document.createElement("li");
                  item.textContent = name + " heard " + text;
                  heard.append(item);
                });
                await connection.start();
                connections.push(connection);
                return name + " on " + await connection.invoke("whereAmI");
              }
              // Connections started together before the browser has nginx's cookie would each get one of their
              // own, and the last would overwrite the others: the first one gets it, then the others use it.
              connect("WebSockets").then(first => Promise.all(["ServerSentEvents", "LongPolling"].map(connect))
                  .then(others => [first, ...others])).then(lines => {
                state.dataset.done = "yes";
                state.textContent = lines.join(", ");
              }, error => {
                state.dataset.done = "yes";
                state.textContent = "failed: " + error;
              });
            </script></body></html>
            """;

    @TempDir
    Path folder;

    @Test
    void browsersOnBothServersHearEachOtherOnEveryTransport() throws Exception {
        try (StickyServers servers = StickyServers.start(folder, site())) {
            String hub = servers.url(Route.COOKIE, "/sticky");
            chat(servers.url(Route.COOKIE, "/index.html?hub=" + hub));
        }
    }

    /** Cookies know no ports: the page's origin is another one of the hub's site, as app. and hub.example.com. */
    @Test
    void pagesOnAnotherOriginOfTheSiteAreStickyToo() throws Exception {
        Path site = site();
        try (HubServer pages = HubServer.builder().host("127.0.0.1").port(0).staticFiles(site).build().start()) {
            String origin = "http://localhost:" + pages.port();
            try (StickyServers servers = StickyServers.start(folder, site, origin)) {
                chat(origin + "/index.html?hub=" + servers.url(Route.COOKIE, "/sticky"));
            }
        }
    }

    /** Opens browsers on {@code page} until one is on each server, and has each say something to the other. */
    private static void chat(String page) throws Exception {
        List<Browser> opened = new ArrayList<>();
        try {
            Map<String, Browser> pinned = new LinkedHashMap<>();
            while (pinned.size() < 2 && opened.size() < MAX_BROWSERS) {
                Browser browser = Browser.open();
                opened.add(browser);
                browser.get(page);
                String state = browser.waitFor("#state[data-done]").getText();
                String server = state.substring(state.length() - 1);
                assertEquals("WebSockets on %1$s, ServerSentEvents on %1$s, LongPolling on %1$s".formatted(server),
                        state, "every connection of one browser reaches its server");
                pinned.putIfAbsent(server, browser);
            }
            assertEquals(Set.of("A", "B"), pinned.keySet(), opened.size() + " browsers");
            say(pinned.get("A"), "hello from A");
            say(pinned.get("B"), "hello from B");
            for (Browser browser : pinned.values()) {
                List<String> heard = browser.waitForCount("#heard li", 6);
                for (String transport : TRANSPORTS) {
                    assertTrue(heard.containsAll(List.of(transport + " heard hello from A",
                            transport + " heard hello from B")), heard.toString());
                }
            }
        } finally {
            opened.forEach(Browser::close);
        }
    }

    private Path site() throws Exception {
        Path site = Files.createDirectories(folder.resolve("site"));
        Files.createDirectories(site.resolve("official"));
        Files.copy(NodeContract.officialBrowserScript(), site.resolve("official/signalr.min.js"));
        Files.writeString(site.resolve("index.html"), PAGE);
        return site;
    }

    private static void say(Browser browser, String text) {
        ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                "window.send(arguments[0]).then(arguments[1], arguments[1]);", text);
    }
}
