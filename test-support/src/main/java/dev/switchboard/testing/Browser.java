package dev.switchboard.testing;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium for tests, driven by Selenium: Debian's {@code chromium} and {@code chromium-driver}
 * packages, never a downloaded browser or driver (both paths are given, so Selenium Manager does not run).
 * Each browser has a fresh profile, deleted on close, and several may be open at once.
 *
 * <p>Elements are found by CSS selector, and every wait lasts up to {@link #TIMEOUT}.
 *
 * <pre>{@code
 * try (Browser browser = Browser.open()) {
 *     browser.get("http://localhost:" + port + "/");
 *     browser.waitForText("#state", "Open");
 *     browser.type("#message", "hello");
 *     browser.click("#send");
 *     browser.screenshot(Path.of("target/screenshots/page.png"));
 *     assertEquals(List.of(), browser.consoleErrors());
 * }
 * }</pre>
 */
public final class Browser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** How long each wait lasts at most: generous, for a busy two-core machine. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Headless, and quiet: no sandbox (tests may run as root), no network of its own, no updates. */
    private static final List<String> FLAGS = List.of("--headless=new", "--no-sandbox", "--disable-gpu",
            "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-dev-shm-usage");

    /**
     * Pages are driven through WebDriver alone, never the DevTools protocol, so Selenium's warning that it
     * has no DevTools binding for this Chromium version is noise. Held here: JUL keeps loggers weakly.
     */
    private static final Logger CDP_VERSION_LOG = quiet("org.openqa.selenium.devtools.CdpVersionFinder");

    private final ChromeDriver driver;
    private final Path profile;
    private final WebDriverWait wait;
    private final List<String> consoleErrors = new ArrayList<>();

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
        this.wait = new WebDriverWait(driver, TIMEOUT);
    }

    /**
     * A browser with a desktop window, 1280 by 900. Outside CI a test is skipped when Chromium is not
     * installed; in CI ({@code CI=true}) it fails.
     */
    public static Browser open() {
        return open(1280, 900);
    }

    /** A browser with a window of the given size; Chromium makes it at least 500 pixels wide. */
    public static Browser open(int width, int height) {
        return start(new ChromeOptions().addArguments("--window-size=" + width + "," + height));
    }

    /**
     * A browser that lays pages out as a phone does, 390 by 844 CSS pixels, honouring their viewport
     * {@code meta} tag: a window that narrow is more than Chromium allows.
     */
    public static Browser openPhone() {
        Map<String, Object> screen = Map.of("width", 390, "height", 844, "pixelRatio", 1.0);
        return start(new ChromeOptions().setExperimentalOption("mobileEmulation", Map.of("deviceMetrics", screen)));
    }

    /** A desktop browser that accepts any certificate, for pages on a test server's self-signed one. */
    public static Browser openTrustingAnyCertificate() {
        ChromeOptions options = new ChromeOptions().addArguments("--window-size=1280,900");
        options.setAcceptInsecureCerts(true);
        return start(options);
    }

    private static Browser start(ChromeOptions options) {
        requireInstalled();
        Path profile = Profiles.create();
        options.setBinary(CHROMIUM.toFile())
                .addArguments(FLAGS)
                .addArguments("--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                // Chromium's temporary files go in the profile too, so that closing leaves nothing behind.
                .withEnvironment(Map.of("TMPDIR", Profiles.temporaryFolder(profile).toString()))
                .withLogOutput(OutputStream.nullOutputStream())
                .build();
        try {
            return new Browser(new ChromeDriver(service, options), profile);
        } catch (RuntimeException e) {
            Profiles.delete(profile);
            throw e;
        }
    }

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.SEVERE);
        return logger;
    }

    private static void requireInstalled() {
        for (Path program : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(program)) {
                Prerequisites.missing(program + " is missing: install the Debian packages chromium and"
                        + " chromium-driver for the real-browser tests");
            }
        }
    }

    /** Loads {@code url} and waits for the page's load event. */
    public Browser get(String url) {
        driver.get(url);
        return this;
    }

    /** Waits until an element matching {@code css} is visible, and returns it. */
    public WebElement waitFor(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    /** Waits until the first element matching {@code css} shows exactly {@code text}. */
    public void waitForText(String css, String text) {
        wait.until(ExpectedConditions.textToBe(By.cssSelector(css), text));
    }

    /** Waits until exactly {@code count} elements match {@code css}, and returns their texts. */
    public List<String> waitForCount(String css, int count) {
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(css), count));
        return texts(css);
    }

    /** Clears the field matching {@code css}, once it can be typed in, and types {@code text}. */
    public void type(String css, String text) {
        WebElement field = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css)));
        field.clear();
        field.sendKeys(text);
    }

    /** Clicks the element matching {@code css} once it is visible and enabled. */
    public void click(String css) {
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
    }

    /** The visible text of the first element matching {@code css}, once there is one. */
    public String text(String css) {
        return wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css))).getText();
    }

    /** The visible texts of every element matching {@code css}, in document order; none waited for. */
    public List<String> texts(String css) {
        return driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }

    /** Saves what the window shows as a PNG, creating its folder; returns {@code file}. */
    public Path screenshot(Path file) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        return file;
    }

    /**
     * The errors the pages logged to the console so far, uncaught exceptions and failed loads included,
     * each as Chromium words it.
     */
    public List<String> consoleErrors() {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                consoleErrors.add(entry.getMessage());
            }
        }
        return List.copyOf(consoleErrors);
    }

    /** The folder of this browser's profile, deleted on close. */
    Path profile() {
        return profile;
    }

    /** The Selenium driver, for what this class does not cover. */
    public WebDriver driver() {
        return driver;
    }

    /** Quits the browser and its driver, and deletes the profile. */
    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            Profiles.delete(profile);
        }
    }
}
