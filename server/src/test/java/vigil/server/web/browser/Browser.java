package vigil.server.web.browser;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One real browser: Debian's Chromium, driven by Debian's chromedriver, headless, with a profile of its own (so
 * browsers opened together are different people). Close it to quit it.
 *
 * <p>Every page a test goes to with {@link #visit}, and every state of a page it names with {@link #check}, is checked
 * by axe-core for WCAG 2.2 AA (any serious or critical violation fails the test) and photographed at 1920x1080 and
 * 1366x768 into {@code target/screenshots/NAME-PAGE-WxH.png}.
 */
public final class Browser implements AutoCloseable {
    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final Path SCREENSHOTS = Path.of("target/screenshots");
    public static final Duration WAIT = Duration.ofSeconds(20);
    private static final List<Dimension> SIZES = List.of(new Dimension(1920, 1080), new Dimension(1366, 768));
    private static final String AXE = resource("/axe/axe.min.js");
    private static final AtomicInteger OPENED = new AtomicInteger();

    private final ChromeDriver driver;
    private final URI base;
    private final String name;
    private final Path profile;

    private Browser(ChromeDriver driver, URI base, String name, Path profile) {
        this.driver = driver;
        this.base = base;
        this.name = name;
        this.profile = profile;
    }

    /**
     * A browser for the server at {@code base}, named {@code name} in its screenshots. The driver's path is given, so
     * Selenium Manager never runs (it would download a driver); the browser's flags keep it from reaching anywhere
     * but the server under test.
     */
    public static Browser open(URI base, String name) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("browser tests need Debian's chromium and chromium-driver: apt-get install -y"
                    + " chromium chromium-driver (.ci/run does)");
        }
        try {
            Path profile = Files.createTempDirectory("vigil-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1920,1080",
                    "--lang=en-GB");
            options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            OPENED.incrementAndGet();
            return new Browser(driver, base, name, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    public URI base() {
        return base;
    }

    public String name() {
        return name;
    }

    /** Logs in through the login page, from the keyboard, as a person does; lands on the role's own page. */
    public Browser logIn(String username, String password) {
        driver.get(base.resolve("/login").toString());
        WebElement user = find(By.id("username"));
        user.clear();
        user.sendKeys(username, Keys.TAB);
        driver.switchTo().activeElement().sendKeys(password, Keys.ENTER);
        waitUntil(d -> !d.getCurrentUrl().contains("/login"));
        awaitReady();
        return this;
    }

    /** Goes to {@code path}, waits for the page (and its live link, if it has one), then {@link #check}s it. */
    public Browser visit(String path, String page) {
        driver.get(base.resolve(path).toString());
        awaitReady();
        return check(page);
    }

    /** Goes to {@code path} and waits for it, without checking it (for a page checked elsewhere). */
    public Browser go(String path) {
        driver.get(base.resolve(path).toString());
        awaitReady();
        return this;
    }

    /** Waits until the document has loaded and a page with a live link has it live. */
    public void awaitReady() {
        waitUntil(d -> "complete".equals(js("return document.readyState")));
        if (!driver.findElements(By.id("live")).isEmpty()) {
            waitUntil(d -> "live".equals(liveState()));
        }
    }

    /** axe-core on the page as it is now, then its screenshots at both sizes. */
    public Browser check(String page) {
        Axe.check(this, page);
        screenshots(page);
        return this;
    }

    public void screenshots(String page) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Dimension was = driver.manage().window().getSize();
            for (Dimension size : SIZES) {
                driver.manage().window().setSize(size);
                File shot = driver.getScreenshotAs(OutputType.FILE);
                Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + "-" + page + "-" + size.getWidth() + "x"
                        + size.getHeight() + ".png"), StandardCopyOption.REPLACE_EXISTING);
            }
            driver.manage().window().setSize(was);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The live indicator's state: {@code connecting}, {@code live}, {@code reconnecting}, {@code stale}. */
    public String liveState() {
        return (String) js("var l = document.getElementById('live'); return l ? l.dataset.state : null;");
    }

    /** The last seq the page's live link has taken in. */
    public long liveSeq() {
        Object v = js("return document.body.dataset.liveSeq || null;");
        return v == null ? -1 : Long.parseLong(v.toString());
    }

    public WebElement find(By by) {
        return waitUntil(d -> {
            List<WebElement> found = d.findElements(by);
            return found.isEmpty() ? null : found.getFirst();
        });
    }

    /** The text of the first element found by {@code by}, read again if a live refresh replaced it meanwhile. */
    public String text(By by) {
        return waitUntil(d -> {
            List<WebElement> found = d.findElements(by);
            return found.isEmpty() ? null : found.getFirst().getText();
        });
    }

    public List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    public <T> T waitUntil(Function<WebDriver, T> condition) {
        return waitUntil(WAIT, condition);
    }

    public <T> T waitUntil(Duration wait, Function<WebDriver, T> condition) {
        // A live page replaces fragments as events come: an element read while it is replaced is read again.
        return new WebDriverWait(driver, wait, Duration.ofMillis(50))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition::apply);
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    public Object asyncJs(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    /** Types {@code keys} into whatever has the focus, as a keyboard does. */
    public Browser type(CharSequence... keys) {
        driver.switchTo().activeElement().sendKeys(keys);
        return this;
    }

    /** The element with the focus. */
    public WebElement focused() {
        return driver.switchTo().activeElement();
    }

    static String axeSource() {
        return AXE;
    }

    /** The console's messages at SEVERE (failed requests, script errors) since the last call. */
    public List<String> consoleErrors() {
        List<String> out = new ArrayList<>();
        driver.manage().logs().get("browser").forEach(e -> {
            if (e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()) {
                out.add(e.getMessage());
            }
        });
        return out;
    }

    public Map<String, Object> timing() {
        @SuppressWarnings("unchecked")
        Map<String, Object> t = (Map<String, Object>) js("var n = performance.getEntriesByType('navigation')[0];"
                + " return {ttfb: n.responseStart, responseEnd: n.responseEnd, dom: n.domContentLoadedEventEnd,"
                + " load: n.loadEventEnd};");
        return t;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var all = Files.walk(dir)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary profile: best effort
        }
    }

    private static String resource(String path) {
        try (InputStream in = Browser.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
