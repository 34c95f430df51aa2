package io.chatbackend.notification.userclient;

import io.chatbackend.notification.dialogs.RemoteProblem;
import io.chatbackend.platform.web.ServiceTokens;
import io.chatbackend.userclient.contract.CursorAdvance;
import io.chatbackend.userclient.contract.HeartbeatResult;
import io.chatbackend.userclient.contract.PushEndpoint;
import io.chatbackend.userclient.contract.SessionHeartbeat;
import io.chatbackend.userclient.contract.SessionRegistration;
import io.netty.channel.ChannelOption;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * user-client's internal API (never routed by the gateway), with this service's client-credentials token (scope
 * {@code sessions}): the live sessions registry, delivery cursors and push endpoints. Bodies are the records of
 * user-client-contract. Non-blocking, with timeouts; errors are {@link RemoteProblem}s.
 */
public class UserClientApi {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(5);
    private static final TypeReference<List<PushEndpoint>> ENDPOINTS = new TypeReference<>() {
    };

    private final WebClient http;
    private final ServiceTokens tokens;
    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build(); // tolerant reader

    public UserClientApi(String userClientUrl, ServiceTokens tokens) {
        HttpClient client = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT.toMillis())
                .responseTimeout(RESPONSE_TIMEOUT);
        this.http = WebClient.builder().baseUrl(userClientUrl + "/internal")
                .clientConnector(new ReactorClientHttpConnector(client)).build();
        this.tokens = tokens;
    }

    /** Registers a live session; {@code 409 CLIENT_REVOKED} if the device is revoked. */
    public Mono<Void> register(String sessionId, UUID userId, String deviceId, String nodeId) {
        return call(HttpMethod.POST, "/sessions", new SessionRegistration(sessionId, userId, deviceId, nodeId))
                .then();
    }

    /** Extends the node's sessions; answers the ids user-client no longer knows (expired, ended, revoked). */
    public Mono<List<String>> heartbeat(String nodeId, List<String> sessionIds) {
        return call(HttpMethod.POST, "/sessions/heartbeat", new SessionHeartbeat(nodeId, sessionIds))
                .map(body -> {
                    HeartbeatResult result = json.readValue(body, HeartbeatResult.class);
                    return result.unknown() == null ? List.<String>of() : result.unknown();
                });
    }

    public Mono<Void> end(String sessionId) {
        return call(HttpMethod.DELETE, "/sessions/" + sessionId, null).then();
    }

    /** Advances a device's delivery cursor; answers the cursor afterwards (never lower than before). */
    public Mono<Long> advanceCursor(UUID userId, String deviceId, UUID dialogId, long upToSeq) {
        return call(HttpMethod.PUT, "/cursors/" + userId + "/" + deviceId + "/" + dialogId,
                new CursorAdvance(upToSeq))
                .map(body -> {
                    CursorAdvance answer = json.readValue(body, CursorAdvance.class);
                    return answer.upToSeq() == null ? upToSeq : answer.upToSeq();
                });
    }

    public Mono<List<PushEndpoint>> pushEndpoints(UUID userId) {
        return call(HttpMethod.GET, "/users/" + userId + "/push-endpoints", null)
                .map(body -> json.readValue(body, ENDPOINTS));
    }

    private Mono<String> call(HttpMethod method, String path, Object body) {
        return once(method, path, body)
                .onErrorResume(WebClientResponseException.Unauthorized.class, e -> {
                    tokens.invalidate(); // the cached token expired early or the keys rotated: one fresh try
                    return once(method, path, body);
                })
                .onErrorMap(WebClientResponseException.class, RemoteProblem::of);
    }

    private Mono<String> once(HttpMethod method, String path, Object body) {
        return Mono.fromCallable(tokens::token).subscribeOn(Schedulers.boundedElastic())
                .flatMap(token -> {
                    WebClient.RequestBodySpec request = http.method(method).uri(path)
                            .headers(h -> h.setBearerAuth(token));
                    WebClient.RequestHeadersSpec<?> withBody = body == null ? request
                            : request.contentType(MediaType.APPLICATION_JSON).bodyValue(json.writeValueAsString(body));
                    return withBody.retrieve().bodyToMono(String.class).defaultIfEmpty("");
                });
    }
}
