package io.chatbackend.userclient.web;

import io.chatbackend.userclient.contract.CursorAdvance;
import io.chatbackend.userclient.contract.HeartbeatResult;
import io.chatbackend.userclient.contract.LiveSession;
import io.chatbackend.userclient.contract.NodeSession;
import io.chatbackend.userclient.contract.PushEndpoint;
import io.chatbackend.userclient.contract.SessionChanges;
import io.chatbackend.userclient.contract.SessionChangesResult;
import io.chatbackend.userclient.contract.SessionHeartbeat;
import io.chatbackend.userclient.contract.SessionRegistration;
import io.chatbackend.userclient.cursor.Cursors;
import io.chatbackend.userclient.device.Devices;
import io.chatbackend.userclient.session.SessionBatch;
import io.chatbackend.userclient.session.Sessions;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What notification nodes call (client-credentials tokens with scope {@code sessions}; never routed by the
 * gateway): the live sessions registry, routing look-ups, push endpoints and delivery cursors. Bodies are the
 * records of user-client-contract.
 */
@RestController
@RequestMapping("/internal")
class InternalController {

    static final int MAX_HEARTBEAT_IDS = 1000;

    private final Sessions sessions;
    private final SessionBatch batch;
    private final Devices devices;
    private final Cursors cursors;

    InternalController(Sessions sessions, SessionBatch batch, Devices devices, Cursors cursors) {
        this.sessions = sessions;
        this.batch = batch;
        this.devices = devices;
        this.cursors = cursors;
    }

    @PostMapping("/sessions")
    ResponseEntity<LiveSession> register(@RequestBody SessionRegistration request) {
        SessionRegistration checked = new SessionRegistration(Inputs.id("sessionId", request.sessionId()),
                Inputs.required("userId", request.userId()), Inputs.id("deviceId", request.deviceId()),
                Inputs.id("nodeId", request.nodeId()));
        return ResponseEntity.status(HttpStatus.CREATED).body(sessions.register(checked));
    }

    @PostMapping("/sessions/heartbeat")
    HeartbeatResult heartbeat(@RequestBody SessionHeartbeat request) {
        String nodeId = Inputs.id("nodeId", request.nodeId());
        List<String> ids = Inputs.required("sessionIds", request.sessionIds());
        if (ids.size() > MAX_HEARTBEAT_IDS) {
            throw Inputs.invalid("sessionIds", "may hold at most " + MAX_HEARTBEAT_IDS + " ids per call");
        }
        ids.forEach(id -> Inputs.id("sessionIds", id));
        return sessions.heartbeat(nodeId, ids);
    }

    /**
     * A node's opened and ended sessions in one call and one transaction. Everything is checked before anything
     * changes; a session id opened twice must name the same user and device.
     */
    @PostMapping("/sessions/changes")
    SessionChangesResult changes(@RequestBody SessionChanges request) {
        String nodeId = Inputs.id("nodeId", request.nodeId());
        List<NodeSession> opened = request.opened() == null ? List.of() : request.opened();
        List<String> ended = request.ended() == null ? List.of() : request.ended();
        if (opened.size() + ended.size() > SessionChanges.MAX_ENTRIES) {
            throw Inputs.invalid("opened + ended", "may hold at most " + SessionChanges.MAX_ENTRIES
                    + " entries per call");
        }
        Map<String, NodeSession> byId = new HashMap<>();
        List<NodeSession> checked = new ArrayList<>(opened.size());
        for (NodeSession session : opened) {
            Inputs.required("opened", session);
            NodeSession valid = new NodeSession(Inputs.id("opened.sessionId", session.sessionId()),
                    Inputs.required("opened.userId", session.userId()),
                    Inputs.id("opened.deviceId", session.deviceId()));
            NodeSession first = byId.putIfAbsent(valid.sessionId(), valid);
            if (first != null && !first.equals(valid)) {
                throw Inputs.invalid("opened", "names session " + valid.sessionId()
                        + " twice with different users or devices");
            }
            checked.add(valid);
        }
        ended.forEach(id -> Inputs.id("ended", id));
        return batch.apply(nodeId, checked, ended);
    }

    @DeleteMapping("/sessions/{sessionId}")
    ResponseEntity<Void> end(@PathVariable String sessionId) {
        sessions.end(Inputs.id("sessionId", sessionId));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/users/{userId}/sessions")
    List<LiveSession> sessionsOf(@PathVariable UUID userId) {
        return sessions.of(userId);
    }

    @GetMapping("/users/{userId}/push-endpoints")
    List<PushEndpoint> pushEndpoints(@PathVariable UUID userId) {
        return devices.pushEndpoints(userId);
    }

    @PutMapping("/cursors/{userId}/{deviceId}/{dialogId}")
    CursorAdvance advance(@PathVariable UUID userId, @PathVariable String deviceId, @PathVariable UUID dialogId,
                          @RequestBody CursorAdvance request) {
        long upToSeq = Inputs.required("upToSeq", request.upToSeq());
        if (upToSeq < 0) {
            throw Inputs.invalid("upToSeq", "must be 0 or more");
        }
        return new CursorAdvance(cursors.advance(userId, Inputs.id("deviceId", deviceId), dialogId, upToSeq));
    }

    @GetMapping("/cursors/{userId}/{deviceId}")
    Map<UUID, Long> cursorsOf(@PathVariable UUID userId, @PathVariable String deviceId) {
        return cursors.of(userId, Inputs.id("deviceId", deviceId));
    }
}
