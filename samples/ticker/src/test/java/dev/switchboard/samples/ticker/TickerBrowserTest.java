package dev.switchboard.samples.ticker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Injector;
import dev.switchboard.HubServer;
import dev.switchboard.testing.Await;
import dev.switchboard.testing.Browser;
import dev.switchboard.testing.NodeContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The ticker page in a real, headless Chromium, with the bundled client and, unchanged, with the official
 * one: prices move in the table as the server pushes them, the market buttons work for every page, and the
 * watch box streams one symbol.
 * Screenshots are saved under target/screenshots/.
 */
@Tag("slow")
class TickerBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration FAST = Duration.ofMillis(50);
    private static final Path PAGE = Path.of("src", "main", "resources", "static");
    private static final String OUR_SCRIPT = "/switchboard/switchboard.min.js";

    @TempDir
    Path folder;

    @Test
    void pricesMoveOnThePageAndTheWatchedSymbolStreams() throws Exception {
        try (TickerServer server = TickerServer.create(new TickerOptions(0, FAST, 1L, false, false)).start()) {
            trade("http://localhost:" + server.port() + "/", server.ticker(), "bundled");
        }
    }

    /** The page uses only the common API of @microsoft/signalr: with the official script it works unchanged. */
    @Test
    void thePageWorksUnchangedWithTheOfficialClient() throws Exception {
        Path site = folder.resolve("site");
        Files.createDirectories(site.resolve("official"));
        for (String file : List.of("index.html", "ticker.js", "ticker.css")) {
            Files.copy(PAGE.resolve(file), site.resolve(file));
        }
        Files.copy(NodeContract.officialBrowserScript(), site.resolve("official/signalr.min.js"));
        String page = Files.readString(site.resolve("index.html"));
        assertTrue(page.contains(OUR_SCRIPT));
        Files.writeString(site.resolve("index.html"), page.replace(OUR_SCRIPT, "/official/signalr.min.js"));
        Injector injector = TickerServer.injector(MarketSettings.of(FAST, 1L));
        try (StockTicker ticker = injector.getInstance(StockTicker.class);
             HubServer server = HubServer.builder().port(0).hub("/ticker", TickerHub.class).injector(injector)
                     .staticFiles(site).build().start()) {
            trade("http://localhost:" + server.port() + "/", ticker, "official");
        }
    }

    /**
     * Two pages on a closed market: one opens it and both see prices move; it watches MSFT, stops, and is
     * refused an unknown symbol; the other closes and resets the market, and both see the opening prices.
     */
    private static void trade(String url, StockTicker ticker, String client) throws Exception {
        try (Browser ada = Browser.open(); Browser bob = Browser.open()) {
            for (Browser browser : List.of(ada, bob)) {
                browser.get(url);
                browser.waitFor("#state[data-state='connected']");
                browser.waitFor("#market-state[data-state='closed']");
                assertEquals(5, browser.waitForCount("#stocks tbody tr", 5).size());
            }
            Map<String, String> opening = prices(ada);
            assertEquals(ticker.allStocks().stream()
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
            // Both read at once: the stream keeps running meanwhile.
            Object newest = ((JavascriptExecutor) ada.driver()).executeScript("return [document.querySelector("
                    + "'#watch-log li').dataset.price, document.getElementById('watched-price').textContent]");
            assertEquals(((List<?>) newest).get(0), ((List<?>) newest).get(1), "the newest price leads the log");
            assertEquals(ticker.symbols().size(), ada.texts("#stocks tbody tr").size());
            ada.screenshot(SCREENSHOTS.resolve("ticker-" + client + "-watching.png"));

            ada.click("#unwatch");
            Await.until(() -> ticker.watcherCount() == 0, "the page's stream to end on the server");
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
            bob.screenshot(SCREENSHOTS.resolve("ticker-" + client + "-reset.png"));
            assertEquals(List.of(), ada.consoleErrors());
            assertEquals(List.of(), bob.consoleErrors());
        }
    }

    /**
     * When the server goes away the page shows that it is reconnecting; once a server is back on the port,
     * the page reconnects by itself, reloads the table and streams the watched symbol again.
     */
    @Test
    void reconnectsAndWatchesAgainWhenTheServerIsBack() throws Exception {
        TickerServer first = TickerServer.create(new TickerOptions(0, FAST, 3L, true, false)).start();
        int port = first.port();
        try (Browser ada = Browser.open()) {
            try (first) {
                ada.get("http://localhost:" + port + "/");
                ada.waitFor("#market-state[data-state='open']");
                ada.type("#symbol", "NVDA");
                ada.click("#watch");
                new WebDriverWait(ada.driver(), Browser.TIMEOUT).until(driver -> count(ada) >= 2 ? true : null);
            }
            ada.waitFor("#state[data-state='reconnecting']");
            try (TickerServer second = TickerServer.create(new TickerOptions(port, FAST, 4L, false, false)).start()) {
                ada.waitFor("#state[data-state='connected']");
                ada.waitFor("#market-state[data-state='closed']");
                Await.until(() -> second.ticker().watcherCount() == 1, "the page to stream NVDA again");
                int before = count(ada);
                second.ticker().openMarket();
                new WebDriverWait(ada.driver(), Browser.TIMEOUT).until(driver -> count(ada) > before ? true : null);
                assertEquals("NVDA", ada.text("#watched-symbol"));
                // Attempts while no server listens are refused; one that reaches the first server while it
                // shuts down is answered 503, as a closing server refuses new connections.
                assertEquals(List.of(), ada.consoleErrors().stream()
                        .filter(error -> !error.contains("WebSocket") && !error.contains("ERR_CONNECTION_REFUSED")
                                && !error.contains("503 (Service Unavailable)"))
                        .toList());
            }
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

    /** The price shown for each symbol, read in one go: a reset replaces the rows while they are read. */
    private static Map<String, String> prices(Browser browser) {
        Object shown = ((JavascriptExecutor) browser.driver()).executeScript("return Object.fromEntries("
                + "[...document.querySelectorAll('#stocks tbody tr')]"
                + ".map(row => [row.dataset.symbol, row.querySelector('.price').textContent]))");
        return ((Map<?, ?>) shown).entrySet().stream().collect(Collectors.toMap(
                entry -> String.valueOf(entry.getKey()), entry -> String.valueOf(entry.getValue())));
    }

    private static int count(Browser browser) {
        WebElement counter = browser.driver().findElement(By.id("watch-count"));
        return Integer.parseInt(counter.getText());
    }
}
