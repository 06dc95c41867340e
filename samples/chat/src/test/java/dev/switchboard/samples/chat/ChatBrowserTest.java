package dev.switchboard.samples.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;

import dev.switchboard.HubServer;
import dev.switchboard.SwitchboardModule;
import dev.switchboard.testing.Browser;
import dev.switchboard.testing.Nginx;
import dev.switchboard.testing.NodeContract;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Two real, headless Chromium pages chat through the bundled client: over each forced transport, over the
 * negotiated default, and through an nginx that strips the Upgrade header; and, with the official client's
 * script in its place, the same page unchanged; and over https and wss. Screenshots are saved under
 * target/screenshots/.
 */
@Tag("slow")
class ChatBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Path PAGE = Path.of("src", "main", "resources", "static");
    private static final String OUR_SCRIPT = "/switchboard/switchboard.min.js";

    @TempDir
    Path folder;

    @ParameterizedTest(name = "{0}, page asks for {1} -> {2}")
    @CsvSource({
        "DIRECT, '', WebSockets",
        "DIRECT, webSockets, WebSockets",
        "DIRECT, serverSentEvents, ServerSentEvents",
        "DIRECT, longPolling, LongPolling",
        "STRIPPED, '', ServerSentEvents",
        "STRIPPED, longPolling, LongPolling",
    })
    void twoBrowsersChat(String route, String transport, String expected) throws Exception {
        try (HubServer server = ChatServer.create(0).start()) {
            if (route.equals("DIRECT")) {
                chat("http://localhost:" + server.port(), transport, expected, route);
                return;
            }
            try (Nginx nginx = Nginx.start(server.port(), Nginx.Upgrade.STRIPPED, folder)) {
                chat("http://localhost:" + nginx.port(), transport, expected, route);
            }
        }
    }

    /** The page uses only the common API of @microsoft/signalr: with the official script it works unchanged. */
    @Test
    void thePageWorksUnchangedWithTheOfficialClient() throws Exception {
        Path site = folder.resolve("site");
        Files.createDirectories(site.resolve("official"));
        for (String file : List.of("index.html", "chat.js", "chat.css")) {
            Files.copy(PAGE.resolve(file), site.resolve(file));
        }
        Files.copy(NodeContract.officialBrowserScript(), site.resolve("official/signalr.min.js"));
        String page = Files.readString(site.resolve("index.html"));
        assertTrue(page.contains(OUR_SCRIPT));
        Files.writeString(site.resolve("index.html"), page.replace(OUR_SCRIPT, "/official/signalr.min.js"));
        try (HubServer server = HubServer.builder().port(0).hub("/chat", ChatHub.class)
                .injector(Guice.createInjector(new SwitchboardModule(ChatHub.class)))
                .staticFiles(site).build().start()) {
            chat("http://localhost:" + server.port(), "webSockets", "WebSockets", "official-client");
        }
    }

    /**
     * The same page with the official client's and its MessagePack protocol's browser builds, the connection built
     * with {@code withHubProtocol(new signalR.protocols.msgpack.MessagePackHubProtocol())}: two browsers chat in
     * MessagePack over WebSockets and over long polling.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"webSockets, WebSockets", "longPolling, LongPolling"})
    void chatsInMessagePackWithTheOfficialClient(String transport, String expected) throws Exception {
        Path site = folder.resolve("site");
        Files.createDirectories(site.resolve("official"));
        for (String file : List.of("index.html", "chat.css")) {
            Files.copy(PAGE.resolve(file), site.resolve(file));
        }
        Files.copy(NodeContract.officialBrowserScript(), site.resolve("official/signalr.min.js"));
        Files.copy(NodeContract.officialMessagePackBrowserScript(), site.resolve("official/msgpack.min.js"));
        String page = Files.readString(site.resolve("index.html"));
        Files.writeString(site.resolve("index.html"), page.replace("<script src=\"" + OUR_SCRIPT + "\"></script>",
                "<script src=\"/official/signalr.min.js\"></script><script src=\"/official/msgpack.min.js\"></script>"));
        String script = Files.readString(PAGE.resolve("chat.js"));
        String builder = ".withAutomaticReconnect()";
        assertTrue(script.contains(builder));
        Files.writeString(site.resolve("chat.js"), script.replace(builder,
                builder + ".withHubProtocol(new signalR.protocols.msgpack.MessagePackHubProtocol())"));
        try (HubServer server = HubServer.builder().port(0).hub("/chat", ChatHub.class)
                .injector(Guice.createInjector(new SwitchboardModule(ChatHub.class)))
                .staticFiles(site).build().start()) {
            chat("http://localhost:" + server.port(), transport, expected, "official-msgpack");
        }
    }

    /**
     * When the server goes away the page shows that it is reconnecting, and over which transport; when a
     * server is back on the port, the page reconnects by itself and joins again under the same nickname.
     */
    @Test
    void showsReconnectingAndJoinsAgainWhenTheServerIsBack() throws Exception {
        HubServer first = ChatServer.create(0).start();
        int port = first.port();
        try (Browser ada = Browser.open()) {
            try (first) {
                ada.get("http://localhost:" + port + "/");
                ada.waitFor("#state[data-state='connected']");
                join(ada, "ada");
            }
            WebElement state = ada.waitFor("#state[data-state='reconnecting'][data-transport='WebSockets']");
            assertTrue(state.getText().contains("Reconnecting"), state.getText());
            ada.screenshot(SCREENSHOTS.resolve("chat-reconnecting.png"));
            try (HubServer second = ChatServer.create(port).start()) {
                ada.waitFor("#state[data-state='connected'][data-transport='WebSockets']");
                assertEquals(List.of("ada"), ada.waitForCount("#users li", 1));
                say(ada, "Back again");
                assertEquals(List.of("Back again"), ada.waitForCount("#messages li .text", 1));
                // Attempts while no server listens are refused; one that reaches the first server while it
                // shuts down is answered 503, as a closing server refuses new connections.
                assertEquals(List.of(), ada.consoleErrors().stream()
                        .filter(error -> !error.contains("WebSocket") && !error.contains("ERR_CONNECTION_REFUSED")
                                && !error.contains("503 (Service Unavailable)"))
                        .toList());
            }
        }
    }

    /** On an https page the client connects with wss (a ws socket from an https page would be blocked). */
    @Test
    void chatsOverHttpsAndWss() throws Exception {
        Path keystore = folder.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "chat", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, output);
        ChatOptions options = new ChatOptions(0, ChatOptions.onPort(0).maxConnections(), keystore, "changeit",
                ChatOptions.onPort(0).transports(), false);
        try (HubServer server = ChatServer.create(options).start()) {
            chat("https://localhost:" + server.port(), "", "WebSockets", "https", Browser::openTrustingAnyCertificate);
        }
    }

    private void chat(String site, String transport, String expected, String route) throws Exception {
        chat(site, transport, expected, route, Browser::open);
    }

    private void chat(String site, String transport, String expected, String route, Supplier<Browser> browsers)
            throws Exception {
        String page = site + "/" + (transport.isEmpty() ? "" : "?transport=" + transport);
        try (Browser ada = browsers.get(); Browser bob = browsers.get()) {
            for (Browser browser : List.of(ada, bob)) {
                browser.get(page);
                browser.waitFor("#state[data-state='connected'][data-transport='" + expected + "']");
            }
            join(ada, "ada");
            bob.type("#nickname", "ada");
            bob.click("#join");
            assertEquals("The nickname 'ada' is already in use", bob.waitFor("#error:not(:empty)").getText());
            join(bob, "bob");
            ada.waitForCount("#users li", 2);
            assertEquals(List.of("ada", "bob"), bob.waitForCount("#users li", 2));

            say(ada, "Hello from ada");
            say(bob, "Hi ada, bob here");
            for (Browser browser : List.of(ada, bob)) {
                assertEquals(List.of("Hello from ada", "Hi ada, bob here"),
                        browser.waitForCount("#messages li[data-room=''] .text", 2));
            }
            assertEquals("bob", ada.driver().findElement(By.cssSelector("#messages li:nth-child(2)")).getAttribute("data-from"));

            enterRoom(ada, "lobby");
            enterRoom(bob, "lobby");
            new Select(ada.waitFor("#target")).selectByValue("lobby");
            say(ada, "Only the lobby sees this");
            assertEquals(List.of("Only the lobby sees this"), bob.waitForCount("#messages li[data-room='lobby'] .text", 1));

            // Leaving the page stops its connection; the other page sees bob go.
            bob.get("about:blank");
            assertEquals(List.of("ada"), ada.waitForCount("#users li", 1));
            ada.screenshot(SCREENSHOTS.resolve("chat-" + route.toLowerCase() + "-" + expected + ".png"));
            assertEquals(List.of(), withoutRefusedWebSockets(ada.consoleErrors(), route));
        }
    }

    @Test
    void fitsAPhoneWithoutSidewaysScrolling() throws Exception {
        try (HubServer server = ChatServer.create(0).start(); Browser phone = Browser.openPhone()) {
            phone.get("http://localhost:" + server.port() + "/");
            phone.waitFor("#state[data-state='connected']");
            join(phone, "a-nickname-of-thirty-two-chars!!");
            enterRoom(phone, "lobby");
            say(phone, "A message long enough to wrap at the width of a phone, with no sideways scrolling at all.");
            phone.waitForCount("#messages li", 1);
            phone.screenshot(SCREENSHOTS.resolve("chat-phone.png"));
            Object overflow = ((JavascriptExecutor) phone.driver()).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertEquals(0L, overflow);
            assertEquals(List.of(), phone.consoleErrors());
        }
    }

    private static void join(Browser browser, String nickname) {
        browser.type("#nickname", nickname);
        browser.click("#join");
        browser.waitForText("#me", nickname);
    }

    private static void say(Browser browser, String text) {
        browser.type("#message", text);
        browser.click("#send");
    }

    private static void enterRoom(Browser browser, String room) {
        browser.type("#room", room);
        browser.click("#join-room");
        browser.waitFor("#rooms li[data-room='" + room + "']");
    }

    /** Behind the stripping proxy the first WebSocket attempt fails by design, and Chromium logs it. */
    private static List<String> withoutRefusedWebSockets(List<String> errors, String route) {
        return route.equals("STRIPPED")
                ? errors.stream().filter(error -> !error.contains("WebSocket")).toList()
                : errors;
    }
}
