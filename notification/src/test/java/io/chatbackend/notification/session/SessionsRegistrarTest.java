package io.chatbackend.notification.session;

import io.chatbackend.notification.remote.RemoteProblem;
import io.chatbackend.notification.userclient.UserClientApi;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The registrar's guard: an answer of user-client never closes a socket unless it refuses the device; sessions it
 * lost or never confirmed are registered again. user-client's API is mocked (one class under test).
 */
class SessionsRegistrarTest {

    private final UserClientApi api = mock(UserClientApi.class);
    private final SessionRegistry registry = new SessionRegistry();
    private final SessionsRegistrar registrar = new SessionsRegistrar(api, registry, "node-1");
    private final Map<String, Integer> closedWith = new ConcurrentHashMap<>();

    @Test
    void aSessionUserClientNoLongerKnowsIsRegisteredAgainNotClosed() {
        when(api.register(anyString(), any(), anyString(), anyString())).thenReturn(Mono.empty());
        LiveSession session = open("s1");
        when(api.heartbeat("node-1", List.of("s1"))).thenReturn(Mono.just(List.of("s1")));

        registrar.heartbeat();

        verify(api, times(2)).register("s1", session.userId(), "phone", "node-1");
        assertThat(closedWith).as("no session closed on an 'unknown' answer").isEmpty();

        when(api.heartbeat("node-1", List.of("s1"))).thenReturn(Mono.just(List.of()));
        registrar.heartbeat();
        verify(api, times(2)).heartbeat("node-1", List.of("s1"));
        verify(api, times(2)).register(anyString(), any(), anyString(), anyString());
    }

    @Test
    void aRevokedDeviceIsClosedWhenItsRegistrationIsRefused() {
        when(api.register(anyString(), any(), anyString(), anyString()))
                .thenReturn(Mono.error(new RemoteProblem(409, "CLIENT_REVOKED")));

        open("s1");

        assertThat(closedWith).containsEntry("s1", SessionsRegistrar.REVOKED);
    }

    @Test
    void aFailedRegistrationIsRetriedOnTheNextTickAndNotHeartbeatedMeanwhile() {
        when(api.register(anyString(), any(), anyString(), anyString()))
                .thenReturn(Mono.error(new RemoteProblem(503, "HTTP_503")), Mono.empty());
        open("s1");

        registrar.heartbeat();

        verify(api, times(2)).register(eq("s1"), any(), anyString(), anyString());
        verify(api, never()).heartbeat(anyString(), anyList());
        assertThat(closedWith).isEmpty();

        when(api.heartbeat("node-1", List.of("s1"))).thenReturn(Mono.just(List.of()));
        registrar.heartbeat();
        verify(api).heartbeat("node-1", List.of("s1"));
    }

    @Test
    void aFailedHeartbeatClosesNothingAndTheNextOneGoesOn() {
        when(api.register(anyString(), any(), anyString(), anyString())).thenReturn(Mono.empty());
        open("s1");
        when(api.heartbeat("node-1", List.of("s1")))
                .thenReturn(Mono.error(new RemoteProblem(504, "HTTP_504")), Mono.just(List.of()));

        registrar.heartbeat();
        registrar.heartbeat();

        verify(api, times(2)).heartbeat("node-1", List.of("s1"));
        verify(api, times(1)).register(anyString(), any(), anyString(), anyString());
        assertThat(closedWith).isEmpty();
    }

    @Test
    void aSessionClosedWhileItsRegistrationWasInFlightIsEndedAgain() {
        LiveSession session = session("s1");
        when(api.register(anyString(), any(), anyString(), anyString()))
                .thenReturn(Mono.fromRunnable(() -> registry.remove(session)));
        when(api.end("s1")).thenReturn(Mono.empty());
        registry.add(session);

        registrar.opened(session);

        verify(api).end("s1");
    }

    private LiveSession open(String id) {
        LiveSession session = session(id);
        registry.add(session);
        registrar.opened(session);
        return session;
    }

    private LiveSession session(String id) {
        LiveSession session = new LiveSession(id, UUID.randomUUID(), "phone", new SessionOutbox(8, () -> {
        }), null, new LiveSession.Settings(200, Duration.ofSeconds(2), 64), () -> {
        });
        session.onTerminate((code, reason) -> closedWith.put(id, code));
        return session;
    }
}
