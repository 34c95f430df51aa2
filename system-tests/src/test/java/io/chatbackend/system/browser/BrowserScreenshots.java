package io.chatbackend.system.browser;

import java.lang.reflect.Method;

import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension: when a test fails, screenshots every open {@link HeadlessChromium} as
 * {@code FAILED-<testMethodName>}.
 *
 * <p>Why: a failing browser test is hard to understand from its assertion alone; the page as it was is usually the
 * answer. It hooks in right after the test method, before {@code @AfterEach}, so browsers closed there are still
 * open (a browser closed by try-with-resources inside the test is gone already: keep those in a field).
 * Use with {@code @ExtendWith(BrowserScreenshots.class)}.
 */
public final class BrowserScreenshots implements AfterTestExecutionCallback {

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isEmpty()) {
            return;
        }
        String step = "FAILED-" + context.getTestMethod().map(Method::getName).orElse(context.getDisplayName());
        for (HeadlessChromium browser : HeadlessChromium.openInstances()) {
            // never throws: the test's own failure is what must be reported
            browser.screenshotIfPossible(step);
        }
    }
}
