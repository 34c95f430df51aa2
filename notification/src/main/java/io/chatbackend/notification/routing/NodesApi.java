package io.chatbackend.notification.routing;

import io.chatbackend.notification.dialogs.RemoteProblem;
import io.chatbackend.platform.web.ServiceTokens;
import io.chatbackend.userclient.contract.NodeRegistration;
import io.chatbackend.userclient.contract.NotificationNode;
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

/**
 * user-client's notification node registry ({@code /internal/nodes}, scope {@code sessions}; ADR 0013 "N nodes"),
 * with this service's client-credentials token. Non-blocking, with short timeouts: a ticket waits for it.
 */
public class NodesApi {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(2);
    private static final TypeReference<List<NotificationNode>> NODES = new TypeReference<>() {
    };

    private final WebClient http;
    private final ServiceTokens tokens;
    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build(); // tolerant reader

    public NodesApi(String userClientUrl, ServiceTokens tokens) {
        HttpClient client = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT.toMillis())
                .responseTimeout(RESPONSE_TIMEOUT);
        this.http = WebClient.builder().baseUrl(userClientUrl + "/internal/nodes")
                .clientConnector(new ReactorClientHttpConnector(client)).build();
        this.tokens = tokens;
    }

    /** Registers (or refreshes) this node with the partitions it holds now. */
    public Mono<Void> register(String nodeId, String wsUrl, Assignment assignment) {
        return call(HttpMethod.PUT, "/" + nodeId, new NodeRegistration(wsUrl, assignment.partitionCount(),
                List.copyOf(assignment.partitions()))).then();
    }

    /** The live nodes, each with the partitions it owns. */
    public Mono<List<NotificationNode>> live() {
        return call(HttpMethod.GET, "", null).map(body -> json.readValue(body, NODES));
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
