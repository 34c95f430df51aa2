package io.chatbackend.system.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import reactor.netty.DisposableServer;

/**
 * Checks the browser-test harness itself against tiny local pages, so that a failing chat UI test can be trusted
 * to be about the chat UI and not about the harness. One browser serves all cases to keep it to a few seconds.
 */
@ExtendWith(BrowserScreenshots.class)
class HeadlessChromiumIT {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String HEAD = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Harness check</title>"
            + "</head><body><main><h1>Harness check</h1>";
    private static final String TAIL = "</main></body></html>";

    private static final Map<String, String> PAGES = Map.of(
            "/well-formed", HEAD + "<p>Hello.</p><button type=\"button\">Send</button>" + TAIL,
            "/unnamed-button", HEAD + "<button type=\"button\"></button>" + TAIL,
            "/fetching", HEAD + "<script>"
                    + "fetch('/api/ping');"
                    + "fetch(new Request('/api/messages', { method: 'POST', body: '{}' }));"
                    + "</script>" + TAIL,
            "/wide", HEAD + "<div style=\"width: 500px; height: 20px; background: #ccc\"></div>" + TAIL,
            "/narrow", HEAD + "<div style=\"width: 100%; height: 20px; background: #ccc\"></div>" + TAIL,
            "/socket-page", HEAD + "<script>"
                    + "window.events = [];"
                    + "window.connect = (url) => {"
                    + "  const ws = new WebSocket(url);"
                    + "  window.socket = ws;"
                    + "  ws.onopen = () => { events.push('open'); ws.send(JSON.stringify({ type: 'hello', n: 1 }));"
                    + "                      ws.send('plain text'); };"
                    + "  ws.onmessage = (e) => events.push('message:' + e.data);"
                    + "  ws.onerror = () => events.push('error');"
                    + "  ws.addEventListener('close', (e) => events.push('close:' + e.code));"
                    + "  return ws instanceof WebSocket && WebSocket.OPEN === 1 && ws.binaryType === 'blob';"
                    + "};"
                    + "</script>" + TAIL);

    private static HttpServer http;
    private static DisposableServer echo;
    private static HeadlessChromium browser;
    private static final Queue<String> requests = new ConcurrentLinkedQueue<>();

    @BeforeAll
    static void start() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", HeadlessChromiumIT::serve);
        http.start();
        // a WebSocket echo server, so that frames in both directions and a drop can be observed
        echo = reactor.netty.http.server.HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes.ws("/echo", (in, out) -> out.sendString(in.receive().asString())))
                .bindNow();
        browser = HeadlessChromium.open("headless-chromium-it");
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (echo != null) {
            echo.disposeNow();
        }
        if (http != null) {
            http.stop(0);
        }
    }

    @BeforeEach
    void forgetRequests() {
        requests.clear();
    }

    private static void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.add(exchange.getRequestMethod() + " " + path);
        String page = PAGES.get(path);
        byte[] body = (page != null ? page : path.startsWith("/api/") ? "{}" : "not found")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type",
                page != null ? "text/html; charset=utf-8" : "application/json");
        exchange.sendResponseHeaders(page != null || path.startsWith("/api/") ? 200 : 404, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + http.getAddress().getPort() + path;
    }

    @Test
    void axeReportsAButtonWithoutNameAndPassesAWellFormedPage() {
        browser.go(url("/unnamed-button"));
        assertThat(browser.axeSeriousViolations()).anySatisfy(line -> assertThat(line).startsWith("button-name ["));

        browser.go(url("/well-formed"));
        assertThat(browser.axeSeriousViolations()).isEmpty();
    }

    @Test
    void recordsFetchCalls() {
        browser.go(url("/fetching"));

        List<Map<String, Object>> fetches = browser.await("two fetches", WAIT,
                driver -> browser.fetches().size() >= 2 ? browser.fetches() : null);

        assertThat(fetches).extracting(fetch -> fetch.get("method") + " " + fetch.get("url"))
                .containsExactly("GET " + url("/api/ping"), "POST " + url("/api/messages"));
        assertThat(fetches).allSatisfy(fetch -> assertThat(fetch.get("at")).isInstanceOf(Number.class));
        browser.clearRecords();
        assertThat(browser.fetches()).isEmpty();
    }

    @Test
    void seesSidewaysScrollingOnANarrowScreen() {
        try {
            browser.setViewport(360, 640);
            browser.go(url("/wide"));
            assertThat(browser.scrollsSideways()).as("500 px element on a 360 px screen").isTrue();

            browser.go(url("/narrow"));
            assertThat(browser.scrollsSideways()).as("full-width element on a 360 px screen").isFalse();
        } finally {
            browser.driver().executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    @Test
    void writesScreenshotsAndOneOnAWaitThatTimesOut() throws IOException {
        browser.go(url("/well-formed"));

        Path shot = browser.screenshot("loaded");

        assertThat(shot.getFileName().toString()).matches("headless-chromium-it-\\d{2}-loaded\\.png");
        assertPng(shot);
        assertThatThrownBy(() -> browser.await("a condition that never holds", Duration.ofMillis(300),
                driver -> false))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("a condition that never holds")
                .hasMessageContaining("-timeout.png");
        try (var files = Files.list(shot.getParent())) {
            Path timeout = files.filter(f -> f.getFileName().toString().matches("headless-chromium-it-\\d{2}-timeout\\.png"))
                    .findFirst().orElseThrow();
            assertPng(timeout);
        }
    }

    private static void assertPng(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes.length).isGreaterThan(100);
        assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }

    @Test
    void blockedWebSocketFailsForThePageUntilUnblocked() {
        String socketUrl = "ws://127.0.0.1:" + http.getAddress().getPort() + "/socket";
        browser.go(url("/socket-page"));
        browser.blockWebSockets(true);
        try {
            assertThat(connect(socketUrl)).as("instanceof, constants and binaryType as native").isEqualTo(true);
            browser.await("error and close of the refused socket", WAIT,
                    driver -> events().containsAll(List.of("error", "close:1006")));
            assertThat(browser.driver().executeScript("return window.socket.url")).isEqualTo(socketUrl);

            browser.go(url("/socket-page"));
            connect(socketUrl);
            browser.await("the block to survive a reload", WAIT, driver -> events().contains("close:1006"));
            assertThat(requests).noneMatch(request -> request.endsWith("/socket"));
        } finally {
            browser.blockWebSockets(false);
        }
        connect(socketUrl);
        browser.await("the unblocked socket to reach the server", WAIT,
                driver -> requests.stream().anyMatch(request -> request.endsWith("/socket")));
    }

    @Test
    void recordsFramesBothWaysAndDropsTheSocket() {
        browser.go(url("/socket-page"));
        connect("ws://127.0.0.1:" + echo.port() + "/echo");
        browser.await("both echoes", WAIT, driver -> browser.receivedFrames().size() >= 2);

        Map<String, Object> hello = Map.of("type", "hello", "n", 1L);
        assertThat(data(browser.sentFrames())).containsExactly(hello, "plain text");
        assertThat(data(browser.receivedFrames())).containsExactly(hello, "plain text");
        assertThat(events()).contains("open", "message:plain text");

        browser.driver().executeScript("window.stillTheSamePage = true;");
        browser.dropWebSockets();

        browser.await("the page to see its socket closed", WAIT, driver -> events().contains("close:4000"));
        assertThat(browser.driver().executeScript("return window.stillTheSamePage")).isEqualTo(true);
    }

    /** What the page sent or got, without the timestamps. */
    private static List<Object> data(List<Object> frames) {
        return frames.stream().<Object>map(frame -> ((Map<?, ?>) frame).get("data")).toList();
    }

    private static Object connect(String socketUrl) {
        return browser.driver().executeScript("return window.connect(arguments[0])", socketUrl);
    }

    @SuppressWarnings("unchecked")
    private static List<String> events() {
        return (List<String>) browser.driver().executeScript("return window.events");
    }
}
