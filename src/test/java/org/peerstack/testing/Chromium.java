package org.peerstack.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * One headless Debian Chromium driven over WebDriver by Debian's chromedriver (fixed paths, no driver
 * download), on an empty page served from 127.0.0.1 (a secure context, so getUserMedia works). Fake
 * camera and microphone, loopback-range candidates allowed (the test namespace's addresses are
 * 127.0.1.x), IP candidates instead of mDNS names, no background networking. Fails loudly when Chromium
 * or chromedriver is missing. Shared by the browser tests of the SFU and WHIP modules (this test-jar).
 */
public final class Chromium implements AutoCloseable {

    /** Debian's Chromium; {@code -Dpeerstack.test.chromium} overrides. */
    public static final Path CHROMIUM = Path.of(System.getProperty("peerstack.test.chromium", "/usr/bin/chromium"));
    /** Debian's chromedriver; {@code -Dpeerstack.test.chromedriver} overrides. */
    public static final Path CHROMEDRIVER = Path.of(System.getProperty("peerstack.test.chromedriver", "/usr/bin/chromedriver"));

    static {
        java.util.logging.Logger.getLogger("org.openqa.selenium").setLevel(java.util.logging.Level.SEVERE);
    }

    private final ChromeDriver driver;
    private final Path profile;
    private final HttpServer page;

    /**
     * Starts Chromium on an empty page.
     *
     * @param name the page's title and part of the temporary profile's name, e.g. the test module's name
     * @throws IOException if the page cannot be served or the profile made
     * @throws IllegalStateException if Chromium or chromedriver is missing
     */
    public Chromium(String name) throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (apt-get install -y chromium chromium-driver)");
        }
        page = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        page.createContext("/", exchange -> {
            byte[] body = ("<!doctype html><title>" + name + "</title><body></body>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        page.start();
        profile = Files.createTempDirectory("peerstack-" + name + "-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--allow-loopback-in-peer-connection", "--disable-features=WebRtcHideLocalIpsWithMdns",
                "--autoplay-policy=no-user-gesture-required", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .withSilent(true)
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        driver.get("http://127.0.0.1:" + page.getAddress().getPort() + "/");
    }

    /** Runs {@code js}, which ends by calling {@code done(value)}; returns that value. */
    public Object asyncScript(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript("const done = arguments[arguments.length - 1];" + js, args);
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            page.stop(0);
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
