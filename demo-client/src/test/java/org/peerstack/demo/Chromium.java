package org.peerstack.demo;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * One headless Debian Chromium, driven over WebDriver by Debian's chromedriver (no driver download:
 * the paths are fixed, Selenium Manager is never asked). Fake camera (test pattern) and microphone
 * (beeps), permissions granted, loopback candidates allowed (the test namespace's addresses are
 * 127.0.1.x), and no background networking. If Chromium or chromedriver is missing the constructor
 * throws: the browser tests fail loudly, they never skip.
 */
final class Chromium implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("peerstack.test.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("peerstack.test.chromedriver", "/usr/bin/chromedriver"));

    /** Selenium warns on every start that it has no DevTools bindings for Chromium 156; we do not use CDP. */
    private static final java.util.logging.Logger SELENIUM_LOG = java.util.logging.Logger.getLogger("org.openqa.selenium");

    static {
        SELENIUM_LOG.setLevel(java.util.logging.Level.SEVERE);
    }

    private final ChromeDriver driver;
    private final Path profile;

    Chromium() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + ": run scripts/install-system-deps.sh (apt-get install -y chromium chromium-driver)");
        }
        profile = Files.createTempDirectory("peerstack-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--allow-loopback-in-peer-connection", "--autoplay-policy=no-user-gesture-required",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .withLogOutput(System.err)
                .withSilent(true)
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    void open(String url) {
        driver.get(url);
    }

    /** Resizes the browser window; returns the page's resulting {@code innerWidth}. */
    long windowSize(int width, int height) {
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, height));
        return ((Number) script("return window.innerWidth")).longValue();
    }

    /** Saves a PNG of the visible page. */
    Path screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
    }

    /** Clicks the element matching {@code css} the way a user does (it must be visible and enabled). */
    void click(String css) {
        driver.findElement(org.openqa.selenium.By.cssSelector(css)).click();
    }

    /** {@code window.peerstack.enabled()}: which controls are enabled, by element id. */
    @SuppressWarnings("unchecked")
    Map<String, Boolean> enabled() {
        return (Map<String, Boolean>) script("return window.peerstack.enabled()");
    }

    /** The page's status line. */
    String status() {
        return (String) script("return document.getElementById('status').textContent");
    }

    /** The page's own peer id, or null when not in a room. */
    String selfId() {
        return (String) script("return window.peerstack.state.selfId");
    }

    String phase() {
        return (String) script("return window.peerstack.state.phase");
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** Runs {@code js}, which ends by calling {@code done(value)}; returns that value. */
    Object asyncScript(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];" + js, args);
    }

    /** {@code window.peerstack.stats()}: per peer id, the page's getStats totals. */
    @SuppressWarnings("unchecked")
    Map<String, Map<String, Object>> stats() {
        return (Map<String, Map<String, Object>>) asyncScript(
                "window.peerstack.stats().then(done, e => done({error: String(e)}));");
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
