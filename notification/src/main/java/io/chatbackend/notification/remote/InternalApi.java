package io.chatbackend.notification.remote;

import io.chatbackend.platform.web.ServiceTokens;
import io.netty.channel.ChannelOption;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;

/**
 * Another service's internal API (never routed by the gateway), called with this service's client-credentials token.
 * Non-blocking (Reactor Netty) with a connect and a response timeout on every call; only the token fetch, which
 * {@link ServiceTokens} does with a blocking client and caches, runs on the bounded-elastic scheduler. A 401 is
 * tried once more with a fresh token (the cached one expired early or the keys rotated); any other error answer
 * fails with a {@link RemoteProblem} carrying the status and the problem's code.
 */
public final class InternalApi {

    /** A tolerant reader: unknown fields and missing primitives are fine (contracts grow). */
    public static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();

    private final WebClient http;
    private final ServiceTokens tokens;

    /**
     * @param baseUrl        the API's root, e.g. {@code http://user-client/internal}
     * @param maxAnswerBytes the largest answer body accepted
     */
    public InternalApi(String baseUrl, ServiceTokens tokens, Duration connectTimeout, Duration responseTimeout,
                       int maxAnswerBytes) {
        HttpClient client = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                .responseTimeout(responseTimeout);
        this.http = WebClient.builder().baseUrl(baseUrl)
                .clientConnector(new ReactorClientHttpConnector(client))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(maxAnswerBytes))
                .build();
        this.tokens = tokens;
    }

    /** The answer's body ("" if none); {@code body} is sent as JSON (a String as it is), or nothing if null. */
    public Mono<String> call(HttpMethod method, String path, Object body) {
        return once(method, path, body)
                .onErrorResume(WebClientResponseException.Unauthorized.class, e -> {
                    tokens.invalidate();
                    return once(method, path, body);
                })
                .onErrorMap(WebClientResponseException.class, RemoteProblem::of);
    }

    private Mono<String> once(HttpMethod method, String path, Object body) {
        return Mono.fromCallable(tokens::token).subscribeOn(Schedulers.boundedElastic())
                .flatMap(token -> {
                    WebClient.RequestBodySpec request = http.method(method).uri(path)
                            .headers(headers -> headers.setBearerAuth(token));
                    WebClient.RequestHeadersSpec<?> withBody = body == null ? request
                            : request.contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(body instanceof String json ? json : JSON.writeValueAsString(body));
                    return withBody.retrieve().bodyToMono(String.class).defaultIfEmpty("");
                });
    }
}
