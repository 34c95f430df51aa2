package io.chatbackend.gateway.ratelimit;

import io.github.bucket4j.ConsumptionProbe;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ClientBucketsTest {

    @Test
    void eachKeyGetsItsOwnBurstOfCapacity() {
        ClientBuckets buckets = new ClientBuckets(new RateLimitProperties(2, 1, 100));
        assertThat(buckets.tryConsume("user:a").isConsumed()).isTrue();
        assertThat(buckets.tryConsume("user:a").isConsumed()).isTrue();
        ConsumptionProbe refused = buckets.tryConsume("user:a");
        assertThat(refused.isConsumed()).isFalse();
        assertThat(refused.getNanosToWaitForRefill()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1).toNanos());
        assertThat(buckets.tryConsume("user:b").isConsumed()).isTrue();
    }

    @Test
    void idleBucketsLiveUntilTheyWouldBeFullAgain() {
        assertThat(ClientBuckets.timeToRefillCompletely(new RateLimitProperties(200, 100, 1)))
                .isEqualTo(Duration.ofSeconds(2));
        assertThat(ClientBuckets.timeToRefillCompletely(new RateLimitProperties(10, 3, 1)))
                .isEqualTo(Duration.ofMillis(3334));
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUpAndAtLeastOne() {
        assertThat(RateLimitFilter.retryAfterSeconds(1)).isEqualTo(1);
        assertThat(RateLimitFilter.retryAfterSeconds(Duration.ofMillis(1000).toNanos())).isEqualTo(1);
        assertThat(RateLimitFilter.retryAfterSeconds(Duration.ofMillis(1001).toNanos())).isEqualTo(2);
        assertThat(RateLimitFilter.retryAfterSeconds(0)).isEqualTo(1);
    }
}
