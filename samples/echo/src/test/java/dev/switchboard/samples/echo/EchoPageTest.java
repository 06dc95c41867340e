package dev.switchboard.samples.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.HubServer;
import dev.switchboard.testing.Browser;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;

/** The echo page in a real, headless Chromium. */
@Tag("slow")
class EchoPageTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @Test
    void echoesWhatIsSentAndShowsHowTheSocketClosed() throws Exception {
        try (HubServer server = EchoServer.create(0).start(); Browser browser = Browser.open()) {
            browser.get("http://localhost:" + server.port() + "/");
            browser.waitForText("#state", "Open");

            browser.type("#message", "hello");
            browser.click("#send");
            browser.type("#message", "a second message");
            browser.click("#send");
            assertEquals(List.of("hello", "a second message"), browser.waitForCount("#echoes li", 2));

            browser.click("#close");
            browser.waitForText("#state", "Closed");
            assertEquals("1000", browser.text("#close-code"));
            assertEquals("Closed by the user", browser.text("#close-reason"));
            browser.screenshot(SCREENSHOTS.resolve("echo.png"));
            assertEquals(List.of(), browser.consoleErrors());
        }
    }

    @Test
    void fitsAPhoneWithoutSidewaysScrolling() throws Exception {
        try (HubServer server = EchoServer.create(0).start(); Browser browser = Browser.openPhone()) {
            browser.get("http://localhost:" + server.port() + "/");
            browser.waitForText("#state", "Open");
            browser.type("#message", "a message long enough to need wrapping at the width of a phone screen");
            browser.click("#send");
            browser.waitForCount("#echoes li", 1);
            browser.screenshot(SCREENSHOTS.resolve("echo-phone.png"));

            Object overflow = ((JavascriptExecutor) browser.driver()).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertEquals(0L, overflow);
            assertTrue(browser.waitFor("#send").getRect().getWidth() > 0);
            assertEquals(List.of(), browser.consoleErrors());
        }
    }
}
