package io.chatbackend.notification.dialogs;

import io.chatbackend.platform.web.ServiceTokens;
import io.netty.channel.ChannelOption;
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
import java.util.concurrent.atomic.AtomicLong;

/**
 * dialog-domain's delivery endpoints (never routed by the gateway), called with this service's client-credentials
 * token (scope {@code delivery}): a user's dialogs, a dialog's members, and history as one member sees it.
 * Membership comes from dialog-domain's write side, so it is current even when its events are still on their way.
 *
 * <p>Non-blocking (Reactor Netty) with timeouts on every call; only the token fetch, which {@link ServiceTokens}
 * does with a blocking client and caches, runs on the bounded-elastic scheduler.
 */
public class DialogDirectory {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_ANSWER = 16 * 1024 * 1024;
    private static final TypeReference<List<Membership>> MEMBERSHIPS = new TypeReference<>() {
    };

    private final WebClient http;
    private final ServiceTokens tokens;
    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build(); // tolerant reader
    private final AtomicLong lastEpoch = new AtomicLong();

    public DialogDirectory(String dialogDomainUrl, ServiceTokens tokens) {
        HttpClient client = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CONNECT_TIMEOUT.toMillis())
                .responseTimeout(RESPONSE_TIMEOUT);
        this.http = WebClient.builder().baseUrl(dialogDomainUrl + "/internal/delivery")
                .clientConnector(new ReactorClientHttpConnector(client))
                // a history page holds up to 200 messages of up to 64 KiB (the gateway's body limit)
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(MAX_ANSWER))
                .build();
        this.tokens = tokens;
    }

    /** Every dialog the user belongs to, with the dialogSeq they see it from. */
    public Mono<List<Membership>> dialogsOf(UUID userId) {
        return get("/users/" + userId + "/dialogs").map(body -> json.readValue(body, MEMBERSHIPS));
    }

    /** The current members of a dialog (empty if there is no such dialog). */
    public Mono<List<Membership>> membersOf(UUID dialogId) {
        return get("/dialogs/" + dialogId + "/members").map(body -> json.readValue(body, MEMBERSHIPS))
                .onErrorResume(WebClientResponseException.NotFound.class, e -> Mono.just(List.of()));
    }

    /** History after {@code afterSeq}, as {@code viewer} sees it; a page with {@code member=false} if they may not. */
    public Mono<HistoryPage> history(UUID dialogId, UUID viewer, long afterSeq, int limit) {
        return get("/dialogs/" + dialogId + "/messages?viewer=" + viewer + "&afterSeq=" + afterSeq + "&limit=" + limit)
                .map(body -> {
                    WirePage page = json.readValue(body, WirePage.class);
                    HistoryPage seen = new HistoryPage(page.items(), page.hasMore(), page.epoch(), true);
                    lastEpoch.accumulateAndGet(seen.epoch(), Math::max);
                    return seen;
                })
                .onErrorResume(WebClientResponseException.NotFound.class, e -> Mono.just(HistoryPage.notAMember()));
    }

    /**
     * Advances the user's read watermark ({@code POST /dialogs/{id}/read}); answers the watermark afterwards.
     * Fails with a {@link RemoteProblem} ({@code DIALOG_NOT_FOUND} for a non-member, {@code WATERMARK_OUT_OF_RANGE}).
     */
    public Mono<Long> markRead(UUID dialogId, UUID userId, long upToSeq) {
        String body = json.createObjectNode().put("userId", userId.toString()).put("upToSeq", upToSeq).toString();
        return post("/dialogs/" + dialogId + "/read", body)
                .map(answer -> json.readTree(answer).path("readSeq").asLong(upToSeq))
                .onErrorMap(WebClientResponseException.class, RemoteProblem::of);
    }

    private Mono<String> post(String path, String body) {
        return postOnce(path, body).onErrorResume(WebClientResponseException.Unauthorized.class, e -> {
            tokens.invalidate();
            return postOnce(path, body);
        });
    }

    private Mono<String> postOnce(String path, String body) {
        return Mono.fromCallable(tokens::token).subscribeOn(Schedulers.boundedElastic())
                .flatMap(token -> http.post().uri(path).headers(h -> h.setBearerAuth(token))
                        .contentType(org.springframework.http.MediaType.APPLICATION_JSON).bodyValue(body)
                        .retrieve()
                        .bodyToMono(String.class));
    }

    /** The read models' epoch in the latest history answer (0 before the first). */
    public long lastEpoch() {
        return lastEpoch.get();
    }

    private Mono<String> get(String path) {
        return call(path).onErrorResume(WebClientResponseException.Unauthorized.class, e -> {
            tokens.invalidate(); // the cached token expired early or the keys rotated: one fresh try
            return call(path);
        });
    }

    private Mono<String> call(String path) {
        return Mono.fromCallable(tokens::token).subscribeOn(Schedulers.boundedElastic())
                .flatMap(token -> http.get().uri(path).headers(h -> h.setBearerAuth(token))
                        .retrieve()
                        .bodyToMono(String.class));
    }

    /** The history page as dialog-domain sends it. */
    private record WirePage(List<HistoryItem> items, boolean hasMore, long epoch) {
    }
}
