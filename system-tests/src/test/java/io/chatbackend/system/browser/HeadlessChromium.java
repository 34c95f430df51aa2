package io.chatbackend.system.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

import org.openqa.selenium.JavascriptException;
import org.openqa.selenium.NotFoundException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * One headless Debian Chromium, driven by Selenium through the system's chromedriver, with the page instrumented.
 *
 * <p>Why: browser tests of the chat UI need to see what the page sends and receives, to break its WebSocket like a
 * network does, to check accessibility and small screens, and to leave screenshots behind when something fails. This
 * class bundles that so each test is only about the page. It never lets Selenium Manager or Chromium download
 * anything: the driver executable and the browser binary are given explicitly (see {@link BrowserInstallation}) and
 * Chromium runs with its background networking off.
 *
 * <p>Each instance has its own fresh profile (--user-data-dir), deleted on {@link #close()}. Open instances are
 * registered so that {@link BrowserScreenshots} can photograph them when a test fails.
 */
public final class HeadlessChromium implements AutoCloseable {

    private static final Set<HeadlessChromium> OPEN = ConcurrentHashMap.newKeySet();
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PAGE_LOAD_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(100);

    static {
        // a test that forgets close() must not leave Chromium processes and profiles behind after the JVM
        Runtime.getRuntime().addShutdownHook(new Thread(() -> openInstances().forEach(HeadlessChromium::close),
                "close-headless-chromium"));
    }

    private final String name;
    private final Path userDataDir;
    private final ChromeDriver driver;
    private final AtomicInteger screenshotCount = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();

    private HeadlessChromium(String name, Path userDataDir, ChromeDriver driver) {
        this.name = name;
        this.userDataDir = userDataDir;
        this.driver = driver;
    }

    /**
     * Starts a browser named {@code name} (used in screenshot file names), installing Chromium first if needed.
     * The instrumentation is in place before the first page loads.
     */
    public static HeadlessChromium open(String name) {
        BrowserInstallation.ensure();
        String safeName = fileNamePart(name);
        Path userDataDir;
        try {
            userDataDir = Files.createTempDirectory("chromium-" + safeName + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a Chromium profile directory", e);
        }
        ChromeDriver driver = null;
        try {
            driver = new ChromeDriver(service(safeName), options(userDataDir));
            driver.manage().timeouts().scriptTimeout(SCRIPT_TIMEOUT);
            driver.manage().timeouts().pageLoadTimeout(PAGE_LOAD_TIMEOUT);
            driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                    Map.of("source", PageInstrumentation.SCRIPT));
            HeadlessChromium browser = new HeadlessChromium(name, userDataDir, driver);
            OPEN.add(browser);
            return browser;
        } catch (RuntimeException e) {
            if (driver != null) {
                quietly(driver::quit);
            }
            deleteRecursively(userDataDir);
            throw e;
        }
    }

    /** The explicit driver executable is what keeps Selenium Manager from running (and from downloading). */
    private static ChromeDriverService service(String safeName) {
        Path log = logDir().resolve(safeName + "-chromedriver.log");
        try {
            Files.createDirectories(log.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + log.getParent(), e);
        }
        return new ChromeDriverService.Builder()
                .usingDriverExecutable(BrowserInstallation.CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(log.toFile())
                .build();
    }

    private static ChromeOptions options(Path userDataDir) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BrowserInstallation.CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                // root (as in CI) cannot use Chromium's sandbox
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                // nothing may be fetched from the internet: only Maven Central is reachable
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                // /dev/shm is small in containers; Chromium crashes tabs when it runs out
                "--disable-dev-shm-usage",
                "--window-size=1024,768",
                "--user-data-dir=" + userDataDir,
                // the flags above still leave Chromium 156 calling Google at start (model downloads, network
                // time, ListAccounts, update checks): these two switch off the first ones and make every host name
                // but the loopback unresolvable, so nothing ever leaves the machine however Chromium changes
                "--disable-features=OptimizationGuideModelDownloading,OptimizationHintsFetching,"
                        + "OptimizationTargetPrediction,OptimizationHints,NetworkTimeServiceQuerying",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1");
        return options;
    }

    /** The browsers not closed yet, for extensions that act on all of them. */
    public static List<HeadlessChromium> openInstances() {
        return List.copyOf(OPEN);
    }

    public String name() {
        return name;
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void go(String url) {
        driver.get(url);
    }

    /** Saves a PNG of the viewport as {@code <name>-<NN>-<step>.png}; NN counts this browser's screenshots. */
    public Path screenshot(String step) {
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        Path file = screenshotDir().resolve(String.format("%s-%02d-%s.png", fileNamePart(name),
                screenshotCount.incrementAndGet(), fileNamePart(step)));
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, png);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
        return file;
    }

    /**
     * A screenshot that never fails the caller: used where a test is already failing and the original error
     * matters more than a browser that might be gone.
     */
    Path screenshotIfPossible(String step) {
        if (closed.get()) {
            return null;
        }
        try {
            return screenshot(step);
        } catch (RuntimeException e) {
            System.err.println("Could not take screenshot " + step + " of browser " + name + ": " + e);
            return null;
        }
    }

    /** The frames the page sent on any WebSocket since the page loaded or {@link #clearRecords()}: {at, data}. */
    public List<Object> sentFrames() {
        return records("sentFrames");
    }

    /** The frames the page received on any WebSocket since the page loaded or {@link #clearRecords()}. */
    public List<Object> receivedFrames() {
        return records("receivedFrames");
    }

    /** The page's fetch calls since it loaded or {@link #clearRecords()}: {method, url, at}. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> fetches() {
        List<Map<String, Object>> fetches = new ArrayList<>();
        for (Object fetch : records("fetches")) {
            fetches.add((Map<String, Object>) fetch);
        }
        return fetches;
    }

    @SuppressWarnings("unchecked")
    private List<Object> records(String kind) {
        Object list = driver.executeScript(
                "const r = window.__chatTest; return r ? r[arguments[0]] : [];", kind);
        return list == null ? List.of() : new ArrayList<>((List<Object>) list);
    }

    /** Forgets the recorded frames and fetches (not the sockets, which {@link #dropWebSockets()} still needs). */
    public void clearRecords() {
        driver.executeScript("const r = window.__chatTest; if (r) { r.sentFrames.length = 0;"
                + " r.receivedFrames.length = 0; r.fetches.length = 0; }");
    }

    /** Closes the page's open WebSockets from the client side (code 4000); the page stays loaded and must cope. */
    public void dropWebSockets() {
        driver.executeScript(PageInstrumentation.DROP_SOCKETS);
    }

    /**
     * The next {@code count} frames of type {@code message} the server sends never reach the page's
     * {@code onmessage} (they are still recorded as received, and in {@code swallowed}): the page sees a hole in
     * {@code sessionSeq}, as when the server dropped frames for a slow client.
     */
    public void swallowMessageFrames(int count) {
        driver.executeScript("window.__chatTest.swallowMessages = arguments[0];", count);
    }

    /**
     * While blocked, every WebSocket the page creates is pointed at a refused port, so the page's (re)connects fail
     * until unblocked. Kept in the page's sessionStorage: it survives a reload but needs a loaded http(s) page.
     */
    public void blockWebSockets(boolean blocked) {
        try {
            driver.executeScript("if (arguments[0]) { sessionStorage.setItem(arguments[1], '1'); }"
                    + " else { sessionStorage.removeItem(arguments[1]); }", blocked, PageInstrumentation.BLOCK_KEY);
        } catch (JavascriptException e) {
            throw new IllegalStateException("Cannot " + (blocked ? "block" : "unblock") + " WebSockets on "
                    + driver.getCurrentUrl() + ": it needs a loaded http(s) page (sessionStorage)", e);
        }
    }

    /**
     * Runs axe-core on the current page and returns one line per serious or critical violation:
     * {@code id [impact] help: first targets}. Empty means the page passes at that level.
     */
    @SuppressWarnings("unchecked")
    public List<String> axeSeriousViolations() {
        if (!Boolean.TRUE.equals(driver.executeScript(
                "return typeof window.axe === 'object' && typeof window.axe.run === 'function';"))) {
            driver.executeScript(AxeCore.source());
        }
        Object result = driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const describe = (node) => node.target.length === 1 && typeof node.target[0] === 'string'
                    ? node.target[0] : JSON.stringify(node.target);
                window.axe.run(document, { resultTypes: ['violations'] })
                  .then((results) => done(results.violations
                      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
                      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length,
                                     targets: v.nodes.slice(0, 3).map(describe) }))))
                  .catch((e) => done({ error: String((e && e.stack) || e) }));
                """);
        if (result instanceof Map) {
            throw new IllegalStateException("axe-core failed on " + driver.getCurrentUrl() + ": "
                    + ((Map<String, Object>) result).get("error"));
        }
        List<String> lines = new ArrayList<>();
        for (Object item : (List<Object>) result) {
            Map<String, Object> violation = (Map<String, Object>) item;
            List<Object> targets = (List<Object>) violation.get("targets");
            long nodes = ((Number) violation.get("nodes")).longValue();
            String more = nodes > targets.size() ? " and " + (nodes - targets.size()) + " more" : "";
            lines.add(violation.get("id") + " [" + violation.get("impact") + "] " + violation.get("help") + ": "
                    + String.join(", ", targets.stream().map(String::valueOf).toList()) + more);
        }
        return lines;
    }

    /** Emulates a phone-like screen of this size (CSS pixels, scale 1, mobile viewport rules) until closed. */
    public void setViewport(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", true));
    }

    /**
     * Whether the page is wider than the viewport, i.e. the user would have to scroll sideways. Compared with the
     * root's clientWidth, not window.innerWidth: with mobile emulation Chromium widens the layout viewport to the
     * content (a 500 px element on a 360 px screen gives innerWidth 508), so innerWidth never shows the overflow.
     */
    public boolean scrollsSideways() {
        return Boolean.TRUE.equals(driver.executeScript(
                "return document.documentElement.scrollWidth > document.documentElement.clientWidth;"));
    }

    /**
     * Polls {@code condition} until it returns something other than null or false, like WebDriverWait. Elements
     * not found yet or gone stale count as "not yet". On timeout a screenshot "timeout" is taken and an
     * AssertionError names {@code what}.
     */
    public <T> T await(String what, Duration timeout, Function<WebDriver, T> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException lastFailure = null;
        while (true) {
            try {
                T value = condition.apply(driver);
                if (value != null && !Boolean.FALSE.equals(value)) {
                    return value;
                }
            } catch (NotFoundException | StaleElementReferenceException e) {
                lastFailure = e;
            }
            if (System.nanoTime() - deadline >= 0) {
                break;
            }
            sleep(POLL);
        }
        Path shot = screenshotIfPossible("timeout");
        AssertionError error = new AssertionError("Timed out after " + timeout.toMillis() + " ms waiting for "
                + what + " on " + currentUrlIfPossible() + (shot == null ? "" : " (screenshot: " + shot + ")"));
        if (lastFailure != null) {
            error.initCause(lastFailure);
        }
        throw error;
    }

    /** Quits the browser and deletes its profile; closing twice is harmless. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        OPEN.remove(this);
        quietly(driver::quit);
        deleteRecursively(userDataDir);
    }

    private String currentUrlIfPossible() {
        try {
            return driver.getCurrentUrl();
        } catch (WebDriverException e) {
            return "(unknown page)";
        }
    }

    private static Path screenshotDir() {
        return BrowserInstallation.targetDir().resolve("browser-screenshots");
    }

    private static Path logDir() {
        return BrowserInstallation.targetDir().resolve("browser-logs");
    }

    /** Keeps test-given names usable as file names. */
    private static String fileNamePart(String text) {
        return text.replaceAll("[^A-Za-z0-9._-]+", "_");
    }

    private static void quietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            System.err.println("Ignored while closing a browser: " + e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting on the browser", e);
        }
    }

    /** Chromium may still be writing to its profile for a moment after quit, so one retry follows a short pause. */
    private static void deleteRecursively(Path dir) {
        for (int attempt = 0; attempt < 2 && Files.exists(dir); attempt++) {
            if (attempt > 0) {
                sleep(Duration.ofMillis(300));
            }
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException | UncheckedIOException e) {
                // retried once; a leftover temp profile is not worth failing a test for
            }
        }
    }
}
