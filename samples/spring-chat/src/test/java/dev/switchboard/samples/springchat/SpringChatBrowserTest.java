package dev.switchboard.samples.springchat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.switchboard.testing.Browser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two headless Chromium pages sign in with the form, join the chat sample's page and chat over each transport, and
 * see an admin's announcement posted to the REST endpoint. Screenshots under target/screenshots/.
 */
@Tag("slow")
class SpringChatBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @ParameterizedTest(name = "page asks for {0} -> {1}")
    @CsvSource({"'', WebSockets", "serverSentEvents, ServerSentEvents", "longPolling, LongPolling"})
    void twoSignedInBrowsersChatAndSeeAnAnnouncement(String transport, String expected) throws Exception {
        try (ConfigurableApplicationContext application = new SpringApplicationBuilder(SpringChatApplication.class)
                .properties("server.port=0").run();
             Browser ada = Browser.open(); Browser grace = Browser.open()) {
            String site = "http://localhost:" + application.getEnvironment().getProperty("local.server.port");
            String page = site + "/" + (transport.isEmpty() ? "" : "?transport=" + transport);
            signIn(ada, page, "ada");
            signIn(grace, page, "grace");
            for (Browser browser : List.of(ada, grace)) {
                browser.waitFor("#state[data-state='connected'][data-transport='" + expected + "']");
            }
            join(ada, "ada");
            join(grace, "grace");
            assertEquals(List.of("ada", "grace"), ada.waitForCount("#users li", 2));
            say(grace, "Hello from grace");
            assertEquals(List.of("Hello from grace"), ada.waitForCount("#messages li[data-room=''] .text", 1));

            HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(site + "/api/announcements"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            "ada:ada".getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "text/plain")
                    .POST(HttpRequest.BodyPublishers.ofString("Lunch is served")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(202, posted.statusCode());
            for (Browser browser : List.of(ada, grace)) {
                assertEquals(List.of("Hello from grace", "Lunch is served"),
                        browser.waitForCount("#messages li[data-room=''] .text", 2));
            }
            assertEquals("announcement by ada", grace.driver().findElement(
                    org.openqa.selenium.By.cssSelector("#messages li:nth-child(2)")).getAttribute("data-from"));
            grace.screenshot(SCREENSHOTS.resolve("spring-chat-" + expected + ".png"));
            assertEquals(List.of(), ada.consoleErrors());
        }
    }

    /** Opens the page, which sends to Spring Security's login form, and signs in there. */
    private static void signIn(Browser browser, String page, String user) {
        browser.get(page);
        browser.type("#username", user);
        browser.type("#password", user);
        browser.click("button[type='submit']");
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
}
