package dev.switchboard.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import dev.switchboard.HubOptions;
import dev.switchboard.HubServer;
import dev.switchboard.SwitchboardModule;
import dev.switchboard.testing.Browser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The drop-in test in Chromium: {@code test/dropin/page.js}, written only against the documented API of
 * {@code @microsoft/signalr}, on a page that loads the official browser scripts (the client and its MessagePack
 * module), and on one that loads ours in their place. Both pages must report the same results.
 */
@Tag("slow")
class DropInBrowserTest {

    private static final Path UPSTREAM = Path.of("node_modules/@microsoft");

    @TempDir
    Path site;

    @Test
    void aPageWrittenForTheOfficialClientGivesTheSameResultsWithOurScripts() throws Exception {
        Node.npmInstall();
        Files.copy(Path.of("test/dropin/page.js"), site.resolve("page.js"));
        page("official.html", List.of(UPSTREAM.resolve("signalr/dist/browser/signalr.min.js"),
                UPSTREAM.resolve("signalr-protocol-msgpack/dist/browser/signalr-protocol-msgpack.min.js")));
        page("ours.html", List.of(Path.of("dist/switchboard.min.js"), Path.of("dist/switchboard-msgpack.min.js")));
        try (HubServer server = HubServer.builder().port(0).hub("/hub", ClientTestHub.class)
                .hub("/stateful", ClientTestHub.class, HubOptions.defaults().withAllowStatefulReconnects(true))
                .injector(Guice.createInjector(new SwitchboardModule(ClientTestHub.class)))
                .staticFiles(site).build().start();
                Browser browser = Browser.open()) {
            String ours = results(browser, "http://127.0.0.1:" + server.port() + "/ours.html");
            // Chromium logs each refused request (the page's negotiate of a missing hub): anything else is a fault.
            // Ours first: the official script leaves a failed handshake's promise uncaught, which the log shows.
            assertEquals(List.of(), browser.consoleErrors().stream()
                    .filter(error -> !error.contains("Failed to load resource")).toList());
            String official = results(browser, "http://127.0.0.1:" + server.port() + "/official.html");
            assertTrue(official.startsWith("{\"json WebSockets\":{\"state\":\"Connected\""), official);
            assertTrue(ours.contains("\"items\":[0,1,2]"), ours);
            assertTrue(ours.contains("\"msgpack WebSockets\":{\"state\":\"Connected\""), ours);
            assertTrue(ours.contains("\"stateful WebSockets\":{\"state\":\"Connected\""), ours);
            assertEquals(official, ours);
        }
    }

    /** A page that loads the given scripts, then page.js, and writes what dropIn() gave into #result. */
    private void page(String name, List<Path> scripts) throws Exception {
        StringBuilder html = new StringBuilder("<!doctype html><html><body><pre id=result></pre>");
        for (Path script : scripts) {
            Files.copy(script, site.resolve(name + "-" + script.getFileName()));
            html.append("<script src='").append(name).append('-').append(script.getFileName()).append("'></script>");
        }
        html.append("<script src=page.js></script><script>dropIn(location.origin).then(")
                .append("(r) => { result.textContent = JSON.stringify(r); },")
                .append("(e) => { result.textContent = 'failed: ' + e; });</script></body></html>");
        Files.writeString(site.resolve(name), html);
    }

    private static String results(Browser browser, String url) {
        browser.get(url);
        new WebDriverWait(browser.driver(), Browser.TIMEOUT).until(driver -> !browser.text("#result").isEmpty());
        return browser.text("#result");
    }
}
