package io.chatbackend.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chatbackend.system.browser.BrowserScreenshots;
import io.chatbackend.system.browser.HeadlessChromium;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The web client the gateway serves at {@code /}, in real headless Chromium (Debian's, driven by its chromedriver):
 * users sign up and log in on UAA's page, find each other, chat live; a page that loses its WebSocket catches up by
 * {@code resume}, not by reading the history again; a group shows "read by"; a message body that is markup stays
 * text; the pages pass axe-core without serious violations and fit 360 px. Screenshots of every step are kept in
 * {@code system-tests/target/browser-screenshots}. {@code -Dwebclient.gateway=http://127.0.0.1:8080} runs it against
 * a running {@code ./run-local} instead of the shared test stack.
 */
@ExtendWith(BrowserScreenshots.class)
@ResourceLock(ChatSystem.SHARED)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebClientIT {

    private static final String PASSWORD = "a fine browser password";
    private static final String MARKUP = "<img src=x onerror=\"window.__pwned = true\">";

    private static String gateway;
    private static ChatPage alice;
    private static ChatPage bob;

    @BeforeAll
    static void start() {
        String external = System.getProperty("webclient.gateway");
        gateway = external != null ? external : ChatSystem.shared().url("");
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        alice = new ChatPage(HeadlessChromium.open("alice"), "alice-" + suffix, "Alice " + suffix);
        bob = new ChatPage(HeadlessChromium.open("bob"), "bob-" + suffix, "Bob " + suffix);
    }

    @AfterAll
    static void stop() {
        HeadlessChromium.openInstances().forEach(HeadlessChromium::close);
    }

    @Test
    @Order(1)
    void twoUsersChatLiveAndMarkupStaysText() {
        alice.signUp(gateway, PASSWORD);
        assertThat(alice.browser.axeSeriousViolations()).as("axe-core on the empty inbox").isEmpty();
        bob.signUp(gateway, PASSWORD);

        alice.startDirectDialogWith(bob.username);
        alice.send("Hello Bob");
        alice.browser.screenshot("sent-hello");

        bob.browser.await("Alice's dialog with 1 unread in Bob's inbox", ChatPage.WAIT,
                driver -> "1".equals(bob.unreadBadge(alice.displayName)));
        bob.browser.screenshot("inbox-unread");
        bob.openFromInbox(alice.displayName);
        bob.awaitMessages(List.of("Hello Bob"));
        bob.send(MARKUP);

        alice.awaitMessages(List.of("Hello Bob", MARKUP));
        alice.browser.screenshot("markup-as-text");
        for (ChatPage page : List.of(alice, bob)) {
            assertThat(page.script("return window.__pwned === true")).as("markup in a body ran").isEqualTo(false);
            assertThat(page.browser.driver().findElements(By.cssSelector("#messages img"))).isEmpty();
        }
        assertThat(alice.browser.axeSeriousViolations()).as("axe-core on an open conversation").isEmpty();

        // typing notices are ephemeral, best effort (never stored, dropped in a rebalance): Alice keeps typing, as a
        // user does, and one of her notices must reach Bob
        WebElement composer = alice.browser.driver().findElement(By.id("compose-text"));
        try {
            bob.browser.await("Bob seeing Alice typing", ChatPage.WAIT, driver -> {
                composer.sendKeys("t");
                return bob.texts("#typing").stream().anyMatch(line -> line.contains(alice.displayName + " is typing"))
                        ? true : pause(500);
            });
        } finally {
            composer.clear();
        }
        for (ChatPage page : List.of(alice, bob)) {
            assertThat(page.script("return [...Object.values(localStorage), ...Object.values(sessionStorage)]"
                    + ".some(value => value.includes('eyJ'))")).as("a token in web storage").isEqualTo(false);
        }
        HttpResponse<String> root = Api.call("GET", gateway + "/", null, null);
        assertThat(root.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("script-src 'self'", "require-trusted-types-for 'script'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
    }

    @Test
    @Order(2)
    void aPageThatLostItsWebSocketResumesAndShowsEverythingInOrderOnce() {
        String dialogId = (String) bob.script("return document.querySelector('#inbox [aria-current=true]')"
                + ".dataset.dialogId");
        long held = ((Number) bob.script("return Math.max(...[...document.querySelectorAll("
                + "'#messages li[data-state=sent]')].map(li => Number(li.dataset.seq)))")).longValue();
        bob.browser.clearRecords();
        bob.browser.blockWebSockets(true);
        bob.browser.dropWebSockets();
        bob.browser.await("Bob's page to notice it is offline", ChatPage.WAIT, driver -> !"live".equals(
                driver.findElement(By.id("connection")).getAttribute("data-state")));
        bob.browser.screenshot("offline");

        List<String> missed = List.of("one", "two", "three");
        try {
            missed.forEach(alice::send);
        } finally {
            bob.browser.blockWebSockets(false);
        }
        // as the browser does when the network is back: the page reconnects without waiting for its backoff
        bob.script("window.dispatchEvent(new Event('online'))");
        bob.awaitLive();

        List<String> expected = new ArrayList<>(List.of("Hello Bob", MARKUP));
        expected.addAll(missed);
        bob.awaitMessages(expected);
        bob.browser.screenshot("resumed");
        assertThat(bob.messageTexts()).as("in order, each once").containsExactlyElementsOf(expected);
        assertThat(resumes(bob)).as("Bob's page told the server what it held").anySatisfy(
                dialogs -> assertThat(((Number) dialogs.get(dialogId)).longValue()).isEqualTo(held));
        assertThat(bob.browser.fetches()).as("no history was read again after the reconnect")
                .noneMatch(fetch -> String.valueOf(fetch.get("url")).contains("/messages"));
    }

    @Test
    @Order(3)
    void framesTheSessionLostAreRecoveredByResumeNotByTheHistory() {
        List<String> expected = new ArrayList<>(bob.messageTexts());
        bob.browser.clearRecords();
        bob.browser.swallowMessageFrames(1);
        List<String> sent = List.of("lost on the way", "after the loss");
        sent.forEach(alice::send);
        expected.addAll(sent);
        bob.awaitMessages(expected);
        assertThat(bob.script("return window.__chatTest.swallowed.length")).as("one frame was lost").isEqualTo(1L);
        assertThat(resumes(bob)).as("the hole in sessionSeq was answered with a resume").isNotEmpty();
        assertThat(bob.browser.fetches()).as("not with the history")
                .noneMatch(fetch -> String.valueOf(fetch.get("url")).contains("/messages"));
    }

    /** timeline.js is pure: its rules are checked here as units, in the browser that runs them. */
    @Test
    @Order(4)
    void theTimelineKnowsWhatItHoldsAndWhatIsMissing() {
        Object verdicts = alice.browser.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const m = (seq) => ({ dialogSeq: seq, messageId: String(seq) });
                import('/app/timeline.js').then(({ Timeline }) => {
                  const opened = new Timeline(0);
                  opened.addLatest({ items: [m(1), m(2)], hasMore: true });
                  const verdicts = [opened.accept(m(3)), opened.accept(m(3)), opened.accept(m(5)), opened.held];
                  opened.addMissing({ items: [m(4)] });
                  verdicts.push(opened.held, opened.ordered().map((item) => item.dialogSeq).join(','));
                  const unopened = new Timeline(7);
                  verdicts.push(unopened.accept(m(6)), unopened.accept(m(9)), unopened.held);
                  done(verdicts);
                }).catch((failure) => done(String(failure)));
                """);
        assertThat(verdicts).isEqualTo(List.of("accepted", "duplicate", "hole", 3L, 5L, "1,2,3,4,5", "duplicate",
                "accepted", 9L));
    }

    @Test
    @Order(5)
    void aPendingSendSurvivesAReloadAndIsSentOnceWithItsClientMessageId() {
        String text = "written while the network was away";
        alice.blockRequests("*/api/v1/dialogs/*/messages*");
        alice.browser.driver().findElement(By.id("compose-text")).sendKeys(text + "\n");
        alice.browser.await("the send shown as pending after a failed attempt", ChatPage.WAIT, driver -> alice
                .texts("#messages li[data-state='pending'] .meta").stream().anyMatch(meta -> meta.contains("retrying")));
        String clientMessageId = (String) alice.script("return document.querySelector("
                + "'#messages li[data-state=pending]').dataset.clientMessageId");

        alice.browser.driver().navigate().refresh();
        alice.awaitLive();
        alice.openFromInbox(bob.displayName);
        alice.browser.await("the send still pending after the reload", ChatPage.WAIT, driver -> text.equals(alice
                .script("const li = document.querySelector('#messages li[data-state=pending]');"
                        + " return li && li.dataset.clientMessageId === arguments[0]"
                        + " ? li.querySelector('.text').textContent : null", clientMessageId)));
        alice.browser.screenshot("pending-after-reload");

        alice.blockRequests();
        // as the browser does when the network is back: waiting sends go now, not after their backoff
        alice.script("window.dispatchEvent(new Event('online'))");
        alice.browser.await("the pending send confirmed", ChatPage.WAIT,
                driver -> alice.texts("#messages li[data-state='pending']").isEmpty()
                        && alice.texts("#messages li[data-state='sent'] .text").contains(text));
        bob.browser.await("Bob receiving it", ChatPage.WAIT, driver -> bob.messageTexts().contains(text));
        assertThat(bob.messageTexts().stream().filter(text::equals)).as("stored and delivered once").hasSize(1);
        alice.browser.driver().navigate().refresh();
        alice.awaitLive();
        alice.openFromInbox(bob.displayName);
        alice.browser.await("the history after another reload", ChatPage.WAIT,
                driver -> alice.messageTexts().contains(text));
        assertThat(alice.messageTexts().stream().filter(text::equals)).as("in the history once").hasSize(1);
        assertThat(alice.texts("#messages li[data-state='pending']")).as("nothing left to send").isEmpty();
    }

    @Test
    @Order(6)
    void aGroupOfThreeShowsReadBy() {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        ChatPage carol = new ChatPage(HeadlessChromium.open("carol"), "carol-" + suffix, "Carol " + suffix);
        carol.signUp(gateway, PASSWORD);

        alice.backToInbox();
        alice.browser.driver().findElement(By.id("new-group")).click();
        alice.type("group-title", "Trip " + suffix);
        alice.pickPerson(bob.username);
        alice.pickPerson(carol.username);
        alice.browser.screenshot("new-group");
        alice.browser.driver().findElement(By.cssSelector("#group-form button[type=submit]")).click();
        alice.awaitConversationTitled("Trip " + suffix);
        alice.send("Who is in?");

        for (ChatPage member : List.of(bob, carol)) {
            member.openFromInbox("Trip " + suffix);
            member.awaitMessages(List.of("Who is in?"));
        }
        String readBy = alice.browser.await("Alice seeing her message read by both", ChatPage.WAIT, driver -> {
            List<String> lines = alice.texts("#messages li.mine .read-by");
            return lines.size() == 1 && lines.get(0).contains(bob.displayName)
                    && lines.get(0).contains(carol.displayName) ? lines.get(0) : null;
        });
        assertThat(readBy).contains("Read by");
        alice.browser.screenshot("read-by");
        assertThat(alice.browser.axeSeriousViolations()).as("axe-core on a group conversation").isEmpty();
    }

    @Test
    @Order(7)
    void fitsA360PixelScreen() {
        alice.browser.setViewport(360, 740);
        try {
            alice.browser.screenshot("narrow-conversation");
            assertThat(alice.browser.scrollsSideways()).as("the conversation at 360 px").isFalse();
            alice.backToInbox();
            alice.browser.screenshot("narrow-inbox");
            assertThat(alice.browser.scrollsSideways()).as("the inbox at 360 px").isFalse();
            assertThat(alice.browser.axeSeriousViolations()).as("axe-core at 360 px").isEmpty();
        } finally {
            alice.browser.driver().executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    @Test
    @Order(8)
    void aBlockedSenderIsRefusedAsAStrangerUntilUnblocked() {
        alice.openFromInbox(bob.displayName);
        bob.openFromInbox(alice.displayName);
        bob.browser.driver().findElement(By.id("block-toggle")).click();
        bob.browser.await("the block shown as pressed", ChatPage.WAIT, driver -> "true".equals(
                driver.findElement(By.id("block-toggle")).getAttribute("aria-pressed")));
        String text = "are you there?";
        alice.browser.driver().findElement(By.id("compose-text")).sendKeys(text + "\n");
        alice.browser.await("the send refused as to a dialog she is not in", ChatPage.WAIT,
                driver -> alice.texts("#messages li[data-state='failed'] .text").contains(text));
        alice.browser.screenshot("refused-by-block");

        bob.browser.driver().findElement(By.id("block-toggle")).click();
        bob.browser.await("the block lifted", ChatPage.WAIT, driver -> "false".equals(
                driver.findElement(By.id("block-toggle")).getAttribute("aria-pressed")));
        alice.clickWhenThere("Retry on the refused send", By.cssSelector("#messages li[data-state='failed'] button"));
        bob.browser.await("Bob receiving it once unblocked", ChatPage.WAIT, driver -> bob.messageTexts().contains(text));
    }

    @Test
    @Order(9)
    void theHistoryScrollsBackPageByPage() {
        List<String> burst = new ArrayList<>();
        for (int n = 1; n <= 50; n++) {
            burst.add("burst " + n);
        }
        WebElement composer = alice.browser.driver().findElement(By.id("compose-text"));
        burst.forEach(text -> composer.sendKeys(text + "\n"));
        alice.browser.await("the burst sent", ChatPage.WAIT.multipliedBy(2),
                driver -> alice.texts("#messages li[data-state='sent'] .text").contains("burst 50"));
        List<String> everything = alice.messageTexts();

        alice.browser.driver().navigate().refresh();
        alice.awaitLive();
        alice.openFromInbox(bob.displayName);
        alice.browser.await("the newest page", ChatPage.WAIT, driver -> alice.messageTexts().size() == 50);
        assertThat(alice.messageTexts()).isEqualTo(everything.subList(everything.size() - 50, everything.size()));
        assertThat(alice.browser.driver().findElement(By.id("load-older")).isDisplayed()).as("older ones exist")
                .isTrue();
        // scrolling to the top of the history reads the page before it, as the button does
        alice.script("document.getElementById('history').scrollTop = 0");
        alice.browser.await("the whole history, in order", ChatPage.WAIT,
                driver -> alice.messageTexts().equals(everything));
        assertThat(alice.browser.driver().findElement(By.id("load-older")).isDisplayed()).as("nothing older")
                .isFalse();
    }

    @Test
    @Order(10)
    void loggingOutEndsTheLoginAtUaaToo() {
        bob.browser.driver().findElement(By.id("logout")).click();
        bob.browser.await("the welcome page after logging out", ChatPage.WAIT,
                driver -> driver.findElement(By.id("welcome")).isDisplayed());
        bob.browser.driver().findElement(By.id("login")).click();
        bob.browser.await("UAA's login page again: its login session ended too", ChatPage.WAIT,
                driver -> driver.getCurrentUrl().endsWith("/login"));
        bob.browser.screenshot("logged-out");
    }

    /** Waits a moment inside an await's condition; answers "not yet". */
    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> resumes(ChatPage page) {
        List<Map<String, Object>> resumes = new ArrayList<>();
        for (Object record : page.browser.sentFrames()) {
            Object data = ((Map<String, Object>) record).get("data");
            if (data instanceof Map && "resume".equals(((Map<String, Object>) data).get("type"))) {
                Object dialogs = ((Map<String, Object>) data).get("dialogs");
                resumes.add(dialogs instanceof Map ? (Map<String, Object>) dialogs : Map.of());
            }
        }
        return resumes;
    }
}
