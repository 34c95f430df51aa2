package io.chatbackend.notification.dialogs;

import io.chatbackend.notification.remote.InternalApi;
import io.chatbackend.notification.remote.RemoteProblem;
import io.chatbackend.platform.web.ServiceTokens;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
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
    private static final TypeReference<List<UserDialog>> USER_DIALOGS = new TypeReference<>() {
    };

    private final InternalApi api;
    private final JsonMapper json = InternalApi.JSON;
    private final AtomicLong lastEpoch = new AtomicLong();

    public DialogDirectory(String dialogDomainUrl, ServiceTokens tokens) {
        // a history page holds up to 200 messages of up to 64 KiB (the gateway's body limit)
        this.api = new InternalApi(dialogDomainUrl + "/internal/delivery", tokens, CONNECT_TIMEOUT, RESPONSE_TIMEOUT,
                MAX_ANSWER);
    }

    /** Every dialog the user belongs to, with the dialogSeq they see it from and its last dialogSeq. */
    public Mono<List<UserDialog>> dialogsOf(UUID userId) {
        return get("/users/" + userId + "/dialogs").map(body -> json.readValue(body, USER_DIALOGS));
    }

    /** The current members of a dialog (empty if there is no such dialog). */
    public Mono<List<Membership>> membersOf(UUID dialogId) {
        return get("/dialogs/" + dialogId + "/members").map(body -> json.readValue(body, MEMBERSHIPS))
                .onErrorResume(DialogDirectory::notFound, e -> Mono.just(List.of()));
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
                .onErrorResume(DialogDirectory::notFound, e -> Mono.just(HistoryPage.notAMember()));
    }

    /**
     * Whether the dialog, as {@code viewer} sees it, has reached {@code dialogSeq} (at least 1): one history item at
     * or after it. History is dialog-domain's read model, which can lag a moment behind the write side: a message
     * this node already delivered may not be in it yet, so callers first ask the session what it sent (see
     * {@code LiveSession#hasSent}).
     */
    public Mono<DialogReach> reach(UUID dialogId, UUID viewer, long dialogSeq) {
        if (dialogSeq < 1) {
            throw new IllegalArgumentException("dialogSeq must be at least 1");
        }
        return history(dialogId, viewer, dialogSeq - 1, 1).map(page -> DialogReach.of(page, dialogSeq));
    }

    /**
     * Advances the user's read watermark ({@code POST /dialogs/{id}/read}); answers the watermark afterwards.
     * Fails with a {@link RemoteProblem} ({@code DIALOG_NOT_FOUND} for a non-member, {@code WATERMARK_OUT_OF_RANGE}).
     */
    public Mono<Long> markRead(UUID dialogId, UUID userId, long upToSeq) {
        String body = json.createObjectNode().put("userId", userId.toString()).put("upToSeq", upToSeq).toString();
        return api.call(HttpMethod.POST, "/dialogs/" + dialogId + "/read", body)
                .map(answer -> json.readTree(answer).path("readSeq").asLong(upToSeq));
    }

    /** The read models' epoch in the latest history answer (0 before the first). */
    public long lastEpoch() {
        return lastEpoch.get();
    }

    private Mono<String> get(String path) {
        return api.call(HttpMethod.GET, path, null);
    }

    private static boolean notFound(Throwable error) {
        return error instanceof RemoteProblem problem && problem.status() == 404;
    }

    /** The history page as dialog-domain sends it. */
    private record WirePage(List<HistoryItem> items, boolean hasMore, long epoch) {
    }
}
