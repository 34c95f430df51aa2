package io.chatbackend.tools.load.send.drive;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SendOutcomesTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void onlySendsIntendedInTheMeasuredWindowCount() {
        SendOutcomes outcomes = new SendOutcomes(MeasuredWindow.after(0, 5, 10));
        outcomes.offered(1, 4 * SECOND); // warmup
        outcomes.answered(4 * SECOND, 503, 6 * SECOND);
        outcomes.offered(2, 5 * SECOND);
        outcomes.answered(5 * SECOND, 201, 5 * SECOND + 40_000_000);
        outcomes.offered(3, 14 * SECOND);
        outcomes.failed(14 * SECOND, 16 * SECOND);
        outcomes.offered(4, 15 * SECOND); // after the window

        assertThat(outcomes.validity().offered()).isEqualTo(2);
        assertThat(outcomes.validity().acknowledged()).isEqualTo(1);
        assertThat(outcomes.validity().failed()).isEqualTo(1);
        assertThat(outcomes.statuses()).containsExactly(java.util.Map.entry(201, 1L));
        assertThat(outcomes.acknowledgeLatency().p50Millis()).isBetween(39.9, 40.1);
    }

    @Test
    void deliveriesCountFromTheIntendedTimeOfMeasuredSendsOnly() {
        SendOutcomes outcomes = new SendOutcomes(MeasuredWindow.after(0, 1, 10));
        outcomes.offered(7, 2 * SECOND);
        outcomes.offered(1, 0);
        outcomes.delivered(7, 2 * SECOND + 100_000_000);
        outcomes.delivered(1, SECOND);
        outcomes.delivered(99, SECOND);
        assertThat(outcomes.deliveries()).isEqualTo(1);
        assertThat(outcomes.deliveryLatency().maxMillis()).isBetween(99.9, 100.1);
    }
}
