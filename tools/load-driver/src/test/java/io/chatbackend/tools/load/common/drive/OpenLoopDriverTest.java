package io.chatbackend.tools.load.common.drive;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.chatbackend.tools.load.common.figures.LatencySummary;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class OpenLoopDriverTest {

    @Test
    void aSendThatTakesLongToStartMakesTheNextOnesLateAndBothAreReported() throws Exception {
        AtomicInteger issued = new AtomicInteger();
        OpenLoopDriver.Issuer slowFirst = (index, intended) -> {
            issued.incrementAndGet();
            if (index == 0) {
                sleep(60); // the driver's own stall: at least 60 ms on the schedule's thread
            }
            return CompletableFuture.completedFuture(null);
        };
        // 20 sends 10 ms apart: the stall holds back the sends due in the next 60 ms
        OpenLoopDriver driver = new OpenLoopDriver(OpenLoopSchedule.of(System.nanoTime() + 5_000_000L, 100, 0.2),
                slowFirst, 100);

        driver.run(5);

        assertThat(issued).hasValue(20);
        LatencySummary lateness = driver.lateness();
        assertThat(lateness.count()).isEqualTo(20);
        assertThat(lateness.maxMillis()).isGreaterThanOrEqualTo(45);
        assertThat(lateness.p50Millis()).isLessThan(lateness.maxMillis());
        LatencySummary issueTimes = driver.issueTimes();
        assertThat(issueTimes.count()).isEqualTo(20);
        assertThat(issueTimes.maxMillis()).isGreaterThanOrEqualTo(60);
        assertThat(driver.maxLateMillis()).isCloseTo(lateness.maxMillis(), within(1.0));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
