package dev.switchboard.samples.ticker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.switchboard.testing.Browser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The ticker page in a real, headless Chromium with the bundled client: prices move in the table as the
 * server pushes them, the market buttons work for every page, and the watch box streams one symbol.
 * Screenshots are saved under target/screenshots/.
 */
class TickerBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration FAST = Duration.ofMillis(50);

    @Test
    void pricesMoveOnThePageAndTheWatchedSymbolStreams() throws Exception {
        try (TickerServer server = TickerServer.create(new TickerOptions(0, FAST, 1L, false, false)).start();
             Browser ada = Browser.open(); Browser bob = Browser.open()) {
            for (Browser browser : List.of(ada, bob)) {
                browser.get("http://localhost:" + server.port() + "/");
                browser.waitFor("#state[data-state='connected']");
                browser.waitFor("#market-state[data-state='closed']");
                assertEquals(5, browser.waitForCount("#stocks tbody tr", 5).size());
            }
            Map<String, String> opening = prices(ada);
            assertEquals(server.ticker().allStocks().stream()
                    .collect(Collectors.toMap(Stock::symbol, stock -> stock.price().toPlainString())), opening);

            ada.click("#open-market");
            bob.waitFor("#market-state[data-state='open']");
            for (Browser browser : List.of(ada, bob)) {
                new WebDriverWait(browser.driver(), Browser.TIMEOUT).until(
                        driver -> !prices(browser).equals(opening) ? true : null);
                browser.waitFor("#stocks tbody tr[data-direction='up'], #stocks tbody tr[data-direction='down']");
            }

            ada.type("#symbol", "msft");
            ada.click("#watch");
            ada.waitFor("#watched[data-symbol='MSFT']");
            new WebDriverWait(ada.driver(), Browser.TIMEOUT).until(
                    driver -> count(ada) >= 3 ? true : null);
            List<String> log = ada.texts("#watch-log li");
            assertEquals(log.get(0), ada.text("#watched-price"), "the newest price leads the log");
            assertEquals(server.ticker().symbols().size(), ada.texts("#stocks tbody tr").size());
            ada.screenshot(SCREENSHOTS.resolve("ticker-watching.png"));

            ada.click("#unwatch");
            Await.until(() -> server.ticker().watcherCount() == 0, "the page's stream to end on the server");
            assertTrue(ada.driver().findElement(By.id("watched")).getAttribute("hidden") != null);

            ada.type("#symbol", "nope");
            ada.click("#watch");
            assertEquals("Unknown stock symbol 'NOPE': the symbols are AAPL, AMZN, GOOG, MSFT, NVDA",
                    ada.waitFor("#error:not(:empty)").getText());

            bob.click("#close-market");
            ada.waitFor("#market-state[data-state='closed']");
            bob.click("#reset-market");
            for (Browser browser : List.of(ada, bob)) {
                new WebDriverWait(browser.driver(), Browser.TIMEOUT).until(
                        driver -> prices(browser).equals(opening) ? true : null);
            }
            bob.screenshot(SCREENSHOTS.resolve("ticker-reset.png"));
            assertEquals(List.of(), ada.consoleErrors());
            assertEquals(List.of(), bob.consoleErrors());
        }
    }

    @Test
    void fitsAPhoneWithoutSidewaysScrolling() throws Exception {
        try (TickerServer server = TickerServer.create(new TickerOptions(0, FAST, 2L, true, false)).start();
             Browser phone = Browser.openPhone()) {
            phone.get("http://localhost:" + server.port() + "/");
            phone.waitFor("#market-state[data-state='open']");
            phone.type("#symbol", "AAPL");
            phone.click("#watch");
            new WebDriverWait(phone.driver(), Browser.TIMEOUT).until(driver -> count(phone) >= 2 ? true : null);
            phone.screenshot(SCREENSHOTS.resolve("ticker-phone.png"));
            Object overflow = ((JavascriptExecutor) phone.driver()).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertEquals(0L, overflow);
            assertEquals(List.of(), phone.consoleErrors());
        }
    }

    /** The price shown for each symbol. */
    private static Map<String, String> prices(Browser browser) {
        return browser.driver().findElements(By.cssSelector("#stocks tbody tr")).stream().collect(Collectors.toMap(
                row -> row.getAttribute("data-symbol"),
                row -> row.findElement(By.cssSelector(".price")).getText()));
    }

    private static int count(Browser browser) {
        WebElement counter = browser.driver().findElement(By.id("watch-count"));
        return Integer.parseInt(counter.getText());
    }
}
