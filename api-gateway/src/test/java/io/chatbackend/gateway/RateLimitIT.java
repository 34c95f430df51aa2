package io.chatbackend.gateway;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static io.chatbackend.gateway.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** A bucket of 3 requests refilled by 1 per second, per user (token subject) and per IP for anonymous calls. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "chat.gateway.rate-limit.capacity=3",
        "chat.gateway.rate-limit.refill-per-second=1"})
class RateLimitIT extends GatewayIntegrationTest {

    private static final int CAPACITY = 3;

    @Test
    void aUserOverTheLimitGets429WithRetryAfterAndCanRetryThen() throws Exception {
        String token = TOKENS.validToken(newUserId());
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> limited = null;
        for (int i = 0; i < CAPACITY + 5 && limited == null; i++) {
            HttpResponse<String> response = gateway().getWithToken("/api/v1/dialogs", token);
            statuses.add(response.statusCode());
            if (response.statusCode() == 429) {
                limited = response;
            }
        }
        assertThat(statuses.subList(0, CAPACITY)).as("the burst passes").containsOnly(200);
        assertThat(limited).as("statuses %s", statuses).isNotNull();
        assertProblem(limited, 429, "RATE_LIMITED");
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 2L);

        Thread.sleep(retryAfter * 1000);
        assertThat(gateway().getWithToken("/api/v1/dialogs", token).statusCode()).isEqualTo(200);
    }

    @Test
    void eachUserHasABucketOfTheirOwn() {
        String heavy = TOKENS.validToken(newUserId());
        for (int i = 0; i < CAPACITY + 2; i++) {
            gateway().getWithToken("/api/v1/dialogs", heavy);
        }
        assertThat(gateway().getWithToken("/api/v1/dialogs", heavy).statusCode()).isEqualTo(429);
        // same IP, another subject: the key is the user, not the address
        assertThat(gateway().getWithToken("/api/v1/dialogs", TOKENS.validToken(newUserId())).statusCode())
                .isEqualTo(200);
    }

    @Test
    void anonymousCallsAreLimitedByAddress() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < CAPACITY + 5; i++) {
            statuses.add(gateway().get("/api/v1/auth/login").statusCode());
        }
        assertThat(statuses.subList(0, CAPACITY)).containsOnly(200);
        assertThat(statuses).contains(429);
    }
}
