package io.chatbackend.system;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.chatbackend.system.browser.HeadlessChromium;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The web client as a user sees it, in one headless Chromium: what a browser test does and reads, by the page's ids
 * and data attributes, so the tests read like the story they tell.
 */
final class ChatPage {

    static final Duration WAIT = Duration.ofSeconds(30);

    final HeadlessChromium browser;
    final String username;
    final String displayName;

    ChatPage(HeadlessChromium browser, String username, String displayName) {
        this.browser = browser;
        this.username = username;
        this.displayName = displayName;
    }

    /** Creates the account on the welcome page, then logs in on UAA's login page (code + PKCE) and waits for live. */
    ChatPage signUp(String gateway, String password) {
        browser.go(gateway + "/");
        browser.await("the welcome page", WAIT, driver -> driver.findElement(By.id("welcome")).isDisplayed());
        browser.screenshot("welcome");
        type("register-username", username);
        type("register-display-name", displayName);
        type("register-password", password);
        browser.driver().findElement(By.cssSelector("#register-form button[type=submit]")).click();
        browser.await("UAA's login page", WAIT, driver -> driver.getCurrentUrl().endsWith("/login")
                && !driver.findElements(By.cssSelector("form[action='/login'] input[name=password]")).isEmpty());
        browser.screenshot("uaa-login");
        browser.driver().findElement(By.cssSelector("form[action='/login'] input[name=username]")).sendKeys(username);
        browser.driver().findElement(By.cssSelector("form[action='/login'] input[name=password]")).sendKeys(password);
        browser.driver().findElement(By.cssSelector("form[action='/login'] button[type=submit]")).click();
        awaitLive();
        browser.screenshot("signed-in");
        return this;
    }

    void awaitLive() {
        try {
            browser.await(username + "'s WebSocket session", WAIT, driver -> "live".equals(
                    driver.findElement(By.id("connection")).getAttribute("data-state")));
        } catch (AssertionError notLive) {
            throw new AssertionError(notLive.getMessage() + "; the page's calls: " + browser.fetches()
                    + "; frames received: " + browser.receivedFrames(), notLive);
        }
    }

    /** Finds a user by username and presses the action of their result (Message, Add to group, Add). */
    void pickPerson(String who) {
        WebElement search = browser.driver().findElement(By.id("search"));
        search.clear();
        search.sendKeys(who);
        browser.driver().findElement(By.cssSelector("#search-form button[type=submit]")).click();
        clickWhenThere(who + " among the search results", By.cssSelector("#search-results button[data-username='"
                + who + "']"));
    }

    void startDirectDialogWith(String who) {
        pickPerson(who);
        awaitConversationTitled(null);
    }

    void awaitConversationTitled(String title) {
        browser.await("an open conversation" + (title == null ? "" : " titled " + title), WAIT,
                driver -> driver.findElement(By.id("conversation")).isDisplayed()
                        && (title == null || title.equals(driver.findElement(By.id("dialog-title")).getText())));
    }

    /** Types and sends with Enter; waits until the server confirmed it (the pending item became a sent one). */
    void send(String text) {
        WebElement composer = browser.driver().findElement(By.id("compose-text"));
        composer.sendKeys(text);
        composer.sendKeys(Keys.ENTER);
        browser.await("'" + text + "' sent", WAIT, driver -> texts("#messages li[data-state='sent'].mine .text")
                .contains(text));
    }

    /** Opens the inbox entry whose title is {@code title}, once it is there. */
    void openFromInbox(String title) {
        backToInbox();
        browser.await(title + " in the inbox", WAIT, driver -> Boolean.TRUE.equals(script(
                "const link = [...document.querySelectorAll('#inbox .dialog-link')]"
                        + ".find(candidate => candidate.querySelector('.title').textContent.trim() === arguments[0]);"
                        + " if (link) { link.click(); } return Boolean(link);", title)));
        awaitConversationTitled(title);
    }

    /** On a narrow screen the inbox is behind the conversation's Back button; on a wide one it is always there. */
    void backToInbox() {
        WebElement back = browser.driver().findElement(By.id("back"));
        if (back.isDisplayed()) {
            back.click();
        }
    }

    String unreadBadge(String title) {
        return (String) script("const link = [...document.querySelectorAll('#inbox .dialog-link')]"
                + ".find(candidate => candidate.querySelector('.title').textContent.trim() === arguments[0]);"
                + " const badge = link && link.querySelector('.unread'); return badge ? badge.firstChild.textContent : '';", title);
    }

    /** The message texts of the open conversation, top to bottom. */
    List<String> messageTexts() {
        return texts("#messages li[data-state='sent'] .text");
    }

    void awaitMessages(List<String> expected) {
        browser.await(username + " showing " + expected, WAIT, driver -> messageTexts().equals(expected));
    }

    /** Read in one script, so a list the page redraws meanwhile is never half old, half new. */
    @SuppressWarnings("unchecked")
    List<String> texts(String css) {
        return (List<String>) script("return [...document.querySelectorAll(arguments[0])].map(e => e.textContent);",
                css);
    }

    /** Clicks an element once it is there; one the page redraws meanwhile is looked up again. */
    void clickWhenThere(String what, By element) {
        browser.await(what, WAIT, driver -> {
            driver.findElement(element).click();
            return true;
        });
    }

    void type(String id, String text) {
        WebElement field = browser.driver().findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    /** Makes the browser fail requests to URLs matching these patterns (none: lift the block), like a lost network. */
    void blockRequests(String... urlPatterns) {
        browser.driver().executeCdpCommand("Network.enable", Map.of());
        browser.driver().executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of(urlPatterns)));
    }

    Object script(String script, Object... arguments) {
        return browser.driver().executeScript(script, arguments);
    }
}
