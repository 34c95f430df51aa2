package io.chatbackend.notification.session;

import io.chatbackend.notification.remote.RemoteProblem;
import io.chatbackend.notification.userclient.UserClientApi;
import io.chatbackend.userclient.contract.NodeSession;
import io.chatbackend.userclient.contract.SessionChangesResult;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The registrar: session changes go to user-client in calls per node, not per session; an answer of user-client
 * never closes a socket unless it refuses the device; sessions it lost or never confirmed are registered again; while
 * it is down, changes wait for the next tick. user-client's API is mocked (one class under test).
 */
class SessionsRegistrarTest {

    private final UserClientApi api = mock(UserClientApi.class);
    private final SessionRegistry registry = new SessionRegistry();
    private final SessionsRegistrar registrar = new SessionsRegistrar(api, registry, "node-1");
    private final Map<String, Integer> closedWith = new ConcurrentHashMap<>();
    /** Each changes call: the ids it opened and ended. */
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private volatile Function<Call, Mono<SessionChangesResult>> answer = SessionsRegistrarTest::allRegistered;

    SessionsRegistrarTest() {
        when(api.changes(eq("node-1"), anyList(), anyList())).thenAnswer(invocation -> {
            List<NodeSession> opened = invocation.getArgument(1);
            Call call = new Call(opened.stream().map(NodeSession::sessionId).toList(), invocation.getArgument(2));
            calls.add(call);
            return answer.apply(call);
        });
    }

    @Test
    void changesThatArriveWhileACallIsInFlightGoTogetherInTheNextCall() {
        Sinks.One<SessionChangesResult> first = Sinks.one();
        answer = call -> calls.size() == 1 ? first.asMono() : allRegistered(call);
        open("s1");
        open("s2");
        open("s3");
        LiveSession s4 = open("s4");
        close(s4);

        assertThat(calls).as("one call in flight").containsExactly(new Call(List.of("s1"), List.of()));
        first.tryEmitValue(new SessionChangesResult(List.of("s1"), List.of(), List.of()));

        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).opened()).containsExactlyInAnyOrder("s2", "s3");
        assertThat(calls.get(1).ended()).containsExactly("s4");
    }

    @Test
    void aSessionUserClientNoLongerKnowsIsRegisteredAgainNotClosed() {
        open("s1");
        when(api.heartbeat("node-1", List.of("s1"))).thenReturn(Mono.just(List.of("s1")));

        registrar.heartbeat();

        assertThat(calls).extracting(Call::opened).containsExactly(List.of("s1"), List.of("s1"));
        assertThat(closedWith).as("no session closed on an 'unknown' answer").isEmpty();

        when(api.heartbeat("node-1", List.of("s1"))).thenReturn(Mono.just(List.of()));
        registrar.heartbeat();
        verify(api, times(2)).heartbeat("node-1", List.of("s1"));
        assertThat(calls).hasSize(2);
    }

    @Test
    void aRevokedDeviceIsClosedWhenItsRegistrationIsRefused() {
        answer = call -> Mono.just(new SessionChangesResult(List.of(), call.opened(), List.of()));

        open("s1");

        assertThat(closedWith).containsEntry("s1", SessionsRegistrar.REVOKED);
    }

    @Test
    void whileUserClientIsDownChangesWaitForTheNextTickAndNoSessionIsClosed() {
        answer = call -> calls.size() == 1 ? Mono.error(new RemoteProblem(503, "HTTP_503")) : allRegistered(call);
        open("s1");
        open("s2");
        close(open("s3"));

        assertThat(calls).as("no call per change while user-client is down").hasSize(1);
        verify(api, never()).heartbeat(anyString(), anyList());

        registrar.heartbeat();

        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).opened()).containsExactlyInAnyOrder("s1", "s2");
        assertThat(calls.get(1).ended()).containsExactly("s3");
        verify(api, never()).heartbeat(anyString(), anyList());
        assertThat(closedWith).isEmpty();

        when(api.heartbeat(eq("node-1"), anyList())).thenReturn(Mono.just(List.of()));
        registrar.heartbeat();
        verify(api).heartbeat(eq("node-1"), anyList());
    }

    @Test
    void aFailedHeartbeatClosesNothingAndTheNextOneGoesOn() {
        open("s1");
        when(api.heartbeat("node-1", List.of("s1")))
                .thenReturn(Mono.error(new RemoteProblem(504, "HTTP_504")), Mono.just(List.of()));

        registrar.heartbeat();
        registrar.heartbeat();

        verify(api, times(2)).heartbeat("node-1", List.of("s1"));
        assertThat(calls).hasSize(1);
        assertThat(closedWith).isEmpty();
    }

    @Test
    void aSessionClosedWhileItsRegistrationWasInFlightIsEndedAgain() {
        LiveSession session = session("s1");
        answer = call -> calls.size() == 1
                ? Mono.fromRunnable(() -> registry.remove(session)).then(allRegistered(call))
                : allRegistered(call);
        registry.add(session);

        registrar.opened(session);

        assertThat(calls).extracting(Call::ended).containsExactly(List.of(), List.of("s1"));
    }

    private static Mono<SessionChangesResult> allRegistered(Call call) {
        return Mono.just(new SessionChangesResult(call.opened(), List.of(), List.of()));
    }

    private LiveSession open(String id) {
        LiveSession session = session(id);
        registry.add(session);
        registrar.opened(session);
        return session;
    }

    private void close(LiveSession session) {
        registry.remove(session);
        registrar.closed(session);
    }

    private LiveSession session(String id) {
        LiveSession session = new LiveSession(id, UUID.randomUUID(), "phone", new SessionOutbox(8, () -> {
        }), null, null, new LiveSession.Settings(200, Duration.ofSeconds(2), 64), () -> {
        });
        session.onTerminate((code, reason) -> closedWith.put(id, code));
        return session;
    }

    private record Call(List<String> opened, List<String> ended) {
        Call {
            opened = new ArrayList<>(opened);
            ended = new ArrayList<>(ended);
        }
    }
}
