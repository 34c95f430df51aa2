package io.chatbackend.notification.userclient;

import io.chatbackend.notification.remote.InternalApi;
import io.chatbackend.platform.web.ServiceTokens;
import io.chatbackend.userclient.contract.CursorAdvance;
import io.chatbackend.userclient.contract.HeartbeatResult;
import io.chatbackend.userclient.contract.NodeRegistration;
import io.chatbackend.userclient.contract.NotificationNode;
import io.chatbackend.userclient.contract.PushEndpoint;
import io.chatbackend.userclient.contract.SessionHeartbeat;
import io.chatbackend.userclient.contract.NodeSession;
import io.chatbackend.userclient.contract.SessionChanges;
import io.chatbackend.userclient.contract.SessionChangesResult;
import org.springframework.http.HttpMethod;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * user-client's internal API (never routed by the gateway), with this service's client-credentials token (scope
 * {@code sessions}): the live sessions registry, delivery cursors, push endpoints and the notification node
 * registry. Bodies are the records of
 * user-client-contract. Non-blocking, with timeouts; errors are {@link io.chatbackend.notification.remote.RemoteProblem}s.
 */
public class UserClientApi {

    private static final TypeReference<List<PushEndpoint>> ENDPOINTS = new TypeReference<>() {
    };

    private static final TypeReference<List<NotificationNode>> NODES = new TypeReference<>() {
    };

    private final InternalApi api;
    /** The node registry, with short timeouts: a ticket waits for it (and falls back to this node without it). */
    private final InternalApi nodes;
    /** Session changes: a call carries up to 1,000 of them, so it may take longer than a single look-up. */
    private final InternalApi sessionChanges;
    private final JsonMapper json = InternalApi.JSON;

    public UserClientApi(String userClientUrl, ServiceTokens tokens) {
        this.api = new InternalApi(userClientUrl + "/internal", tokens, Duration.ofSeconds(2), Duration.ofSeconds(5),
                256 * 1024);
        this.sessionChanges = new InternalApi(userClientUrl + "/internal", tokens, Duration.ofSeconds(2),
                Duration.ofSeconds(15), 1024 * 1024);
        this.nodes = new InternalApi(userClientUrl + "/internal/nodes", tokens, Duration.ofSeconds(1),
                Duration.ofSeconds(2), 1024 * 1024);
    }

    /** Registers (or refreshes) this node in the node registry with the deliveries partitions it holds now. */
    public Mono<Void> registerNode(String nodeId, String wsUrl, int partitionCount, List<Integer> partitions) {
        return nodes.call(HttpMethod.PUT, "/" + nodeId, new NodeRegistration(wsUrl, partitionCount, partitions))
                .then();
    }

    /** The live notification nodes, each with the partitions it owns. */
    public Mono<List<NotificationNode>> liveNodes() {
        return nodes.call(HttpMethod.GET, "", null).map(body -> json.readValue(body, NODES));
    }

    /**
     * The node's session changes since its last call, in one call (at most {@link SessionChanges#MAX_ENTRIES}
     * entries): answers which opened sessions were registered, and which were refused (revoked device, conflict).
     */
    public Mono<SessionChangesResult> changes(String nodeId, List<NodeSession> opened, List<String> ended) {
        return sessionChanges.call(HttpMethod.POST, "/sessions/changes", new SessionChanges(nodeId, opened, ended))
                .map(body -> json.readValue(body, SessionChangesResult.class));
    }

    /** Extends the node's sessions; answers the ids user-client no longer knows (expired, ended, revoked). */
    public Mono<List<String>> heartbeat(String nodeId, List<String> sessionIds) {
        return call(HttpMethod.POST, "/sessions/heartbeat", new SessionHeartbeat(nodeId, sessionIds))
                .map(body -> {
                    HeartbeatResult result = json.readValue(body, HeartbeatResult.class);
                    return result.unknown() == null ? List.<String>of() : result.unknown();
                });
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
        return api.call(method, path, body);
    }
}
