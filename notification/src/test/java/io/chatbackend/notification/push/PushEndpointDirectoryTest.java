package io.chatbackend.notification.push;

import io.chatbackend.userclient.contract.PushEndpoint;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Look-ups of push endpoints: one at a time per user, cached, bounded, failures remembered briefly. */
class PushEndpointDirectoryTest {

    private static final Duration LONG = Duration.ofMinutes(1);
    private final AtomicInteger calls = new AtomicInteger();
    private final UUID user = UUID.randomUUID();

    @Test
    void concurrentLookUpsOfOneUserMakeOneCallAndItsAnswerIsReused() {
        Sinks.One<List<PushEndpoint>> answer = Sinks.one();
        PushEndpointDirectory directory = new PushEndpointDirectory(user -> {
            calls.incrementAndGet();
            return answer.asMono();
        }, LONG, LONG, 8, 1_000);

        List<CompletableFuture<PushEndpointDirectory.Lookup>> waiting = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            waiting.add(directory.endpointsOf(user));
        }
        answer.tryEmitValue(List.of(new PushEndpoint("phone", "https://push.example/1", "secret")));

        assertThat(calls).hasValue(1);
        assertThat(waiting).allSatisfy(lookup -> assertThat(lookup.join().endpoints()).hasSize(1));
        assertThat(directory.endpointsOf(user).join().ok()).isTrue();
        assertThat(calls).as("reused while fresh").hasValue(1);
    }

    @Test
    void beyondTheBoundALookUpIsShedAndAnswersUnavailable() {
        PushEndpointDirectory directory = new PushEndpointDirectory(user -> {
            calls.incrementAndGet();
            return Mono.never();
        }, LONG, LONG, 2, 1_000);

        directory.endpointsOf(UUID.randomUUID());
        directory.endpointsOf(UUID.randomUUID());
        PushEndpointDirectory.Lookup third = directory.endpointsOf(user).join();

        assertThat(calls).hasValue(2);
        assertThat(third.ok()).isFalse();
        assertThat(third.problem()).contains("too many");
    }

    @Test
    void aFailedLookUpIsRememberedBrieflyThenAskedAgain() throws InterruptedException {
        PushEndpointDirectory directory = new PushEndpointDirectory(user -> {
            calls.incrementAndGet();
            return Mono.error(new IllegalStateException("user-client down"));
        }, LONG, Duration.ofMillis(200), 8, 1_000);

        PushEndpointDirectory.Lookup first = directory.endpointsOf(user).join();
        PushEndpointDirectory.Lookup again = directory.endpointsOf(user).join();

        assertThat(first.ok()).isFalse();
        assertThat(first.problem()).contains("user-client down");
        assertThat(again.ok()).isFalse();
        assertThat(calls).as("not asked again at once").hasValue(1);
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (calls.get() == 1 && System.nanoTime() < deadline) {
            directory.endpointsOf(user).join();
            Thread.sleep(50);
        }
        assertThat(calls).as("asked again once the failure expired").hasValue(2);
    }

    @Test
    void aUserWithoutEndpointsIsAnAnswerNotAFailure() {
        PushEndpointDirectory directory = new PushEndpointDirectory(user -> Mono.empty(), LONG, LONG, 8, 1_000);

        PushEndpointDirectory.Lookup lookup = directory.endpointsOf(user).join();

        assertThat(lookup.ok()).isTrue();
        assertThat(lookup.endpoints()).isEmpty();
    }
}
