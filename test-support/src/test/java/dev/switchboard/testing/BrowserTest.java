package dev.switchboard.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.remote.service.DriverFinder;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The helper itself, on pages given inline as data URLs: nothing to serve. */
@Tag("slow")
class BrowserTest {

    private static String page(String html) {
        return "data:text/html;charset=utf-8," + URLEncoder.encode(html, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void typesClicksReadsAndTakesScreenshots(@TempDir Path folder) throws Exception {
        try (Browser browser = Browser.open()) {
            browser.get(page("<input id=name><button id=go>Go</button><p id=out></p><ul><li>a</li><li>b</li></ul>"
                    + "<script>go.onclick = () => out.textContent = 'hi ' + document.getElementById('name').value;"
                    + "</script>"));
            browser.type("#name", "ada");
            browser.click("#go");
            browser.waitForText("#out", "hi ada");
            assertEquals(List.of("a", "b"), browser.waitForCount("li", 2));
            Path png = browser.screenshot(folder.resolve("shots/page.png"));
            byte[] header = Files.readAllBytes(png);
            assertEquals("PNG", new String(header, 1, 3, StandardCharsets.US_ASCII));
            assertEquals(List.of(), browser.consoleErrors());
        }
    }

    @Test
    void consoleErrorsAndUncaughtExceptionsAreCollected() {
        try (Browser browser = Browser.open()) {
            browser.get(page("<script>console.error('logged'); throw new Error('uncaught');</script>"));
            // Chromium reports console messages on its own time: wait for both rather than race them.
            new WebDriverWait(browser.driver(), Browser.TIMEOUT).until(driver -> browser.consoleErrors().size() >= 2);
            List<String> errors = browser.consoleErrors();
            assertTrue(errors.stream().anyMatch(error -> error.contains("logged")), errors::toString);
            assertTrue(errors.stream().anyMatch(error -> error.contains("uncaught")), errors::toString);
        }
    }

    @Test
    void severalBrowsersAtOnceEachWithItsOwnProfileDeletedOnClose() {
        Path first;
        Path second;
        try (Browser one = Browser.open(); Browser two = Browser.openPhone()) {
            first = one.profile();
            second = two.profile();
            assertFalse(first.equals(second));
            one.get(page("<p id=who>one</p>"));
            two.get(page("<meta name=viewport content='width=device-width'><p id=who>two</p>"));
            assertEquals("one", one.text("#who"));
            assertEquals("two", two.text("#who"));
            assertEquals(390L, ((JavascriptExecutor) two.driver()).executeScript("return window.innerWidth"));
        }
        assertFalse(Files.exists(first), first::toString);
        assertFalse(Files.exists(second), second::toString);
    }

    @Test
    void seleniumManagerIsNeverAskedForADriver() throws Exception {
        List<String> said = new CopyOnWriteArrayList<>();
        Handler recorder = new Handler() {
            @Override
            public void publish(LogRecord record) {
                said.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger finder = Logger.getLogger(DriverFinder.class.getName());
        Level level = finder.getLevel();
        finder.setLevel(Level.FINE);
        finder.addHandler(recorder);
        try (Browser browser = Browser.open()) {
            assertEquals("ok", browser.get(page("<p id=ok>ok</p>")).text("#ok"));
        } finally {
            finder.removeHandler(recorder);
            finder.setLevel(level);
        }
        // Selenium names the driver by its real path; Debian's /usr/bin/chromedriver may be a link to it.
        String skipped = "Skipping Selenium Manager, path to chromedriver specified in Service class: ";
        Path real = Browser.CHROMEDRIVER.toRealPath();
        assertTrue(said.stream().anyMatch(line -> line.equals(skipped + Browser.CHROMEDRIVER)
                || line.equals(skipped + real)), said::toString);
    }
}
