package io.chatbackend.notification.session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads the frames a client sends (the {@link ClientFrameType}s) and applies them to its session, the others through {@link SessionActions}. A frame
 * that cannot be understood (not JSON, a member missing or of the wrong type, an extreme number) is answered with an
 * {@code error} frame and otherwise ignored: a client bug must not cost the session, and a hostile value must never
 * reach arithmetic or another service. A frame of an unknown type is ignored silently (newer clients).
 */
final class ClientFrames {

    private static final Logger log = LoggerFactory.getLogger(ClientFrames.class);
    /**
     * A resume names at most this many dialogs (a user's inbox is capped at 10,000). The inbound frame limit
     * ({@code chat.notification.max-inbound-frame}, 16 KiB: about 350 dialogs) is reached long before.
     */
    private static final int MAX_RESUME_DIALOGS = 10_000;
    /** A presence subscription names at most this many users. */
    static final int MAX_PRESENCE_USERS = 100;

    private final JsonMapper json;
    private final SessionActions actions;

    ClientFrames(JsonMapper json, SessionActions actions) {
        this.json = json;
        this.actions = actions;
    }

    void apply(LiveSession session, String text) {
        JsonNode frame;
        try {
            frame = json.readTree(text);
        } catch (JacksonException e) {
            log.debug("Session {}: not JSON, ignored", session.id());
            session.send(new FrameBody.Error(FrameBody.Error.MALFORMED_FRAME, null, null));
            return;
        }
        String type = frame.path("type").asString("");
        ClientFrameType known = ClientFrameType.of(type).orElse(null);
        if (known == null) {
            log.debug("Session {}: unknown frame type '{}', ignored", session.id(), type);
            return;
        }
        switch (known) {
            case PING -> session.send(new FrameBody.Pong());
            case RESUME -> {
                Map<UUID, Long> dialogs = resumeDialogs(frame.path("dialogs"));
                if (dialogs == null) {
                    log.debug("Session {}: malformed resume, ignored", session.id());
                    session.send(new FrameBody.Error(FrameBody.Error.MALFORMED_FRAME, type, null));
                } else {
                    session.resume(dialogs);
                }
            }
            case ACK, READ -> {
                UUID dialog = uuid(frame.path("dialogId"));
                ClientSeq.Checked upToSeq = ClientSeq.watermark(frame.path("upToSeq"));
                if (dialog == null) {
                    session.send(new FrameBody.Error(FrameBody.Error.MALFORMED_FRAME, type, null));
                } else if (upToSeq instanceof ClientSeq.Refused refused) {
                    session.send(new FrameBody.Error(refused.code(), type, dialog));
                } else if (known == ClientFrameType.ACK) {
                    actions.ack(session, dialog, ((ClientSeq.Valid) upToSeq).value());
                } else {
                    actions.read(session, dialog, ((ClientSeq.Valid) upToSeq).value());
                }
            }
            case TYPING -> {
                UUID dialog = uuid(frame.path("dialogId"));
                if (dialog == null) {
                    session.send(new FrameBody.Error(FrameBody.Error.MALFORMED_FRAME, type, null));
                } else {
                    actions.typing(session, dialog); // membership first, then the per-dialog limit
                }
            }
            case PRESENCE_SUBSCRIBE -> {
                Set<UUID> users = users(frame.path("userIds"));
                if (users == null) {
                    session.send(new FrameBody.Error(FrameBody.Error.MALFORMED_FRAME, type, null));
                } else {
                    actions.subscribePresence(session, users);
                }
            }
        }
    }

    private static UUID uuid(JsonNode node) {
        if (!node.isString()) {
            return null;
        }
        try {
            return UUID.fromString(node.asString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** {@code [userId, ...]} of at most {@link #MAX_PRESENCE_USERS}; null if malformed. */
    private static Set<UUID> users(JsonNode list) {
        if (!list.isArray() || list.size() > MAX_PRESENCE_USERS) {
            return null;
        }
        Set<UUID> users = new HashSet<>();
        for (JsonNode item : list) {
            UUID user = uuid(item);
            if (user == null) {
                return null;
            }
            users.add(user);
        }
        return users;
    }

    /** {@code {"<dialogId>": lastDialogSeq}}; null if malformed. A missing member means none. */
    private static Map<UUID, Long> resumeDialogs(JsonNode dialogs) {
        Map<UUID, Long> result = new HashMap<>();
        if (dialogs.isMissingNode() || dialogs.isNull()) {
            return result;
        }
        if (!dialogs.isObject() || dialogs.size() > MAX_RESUME_DIALOGS) {
            return null;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = dialogs.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!(ClientSeq.resumePoint(entry.getValue()) instanceof ClientSeq.Valid seq)) {
                return null;
            }
            try {
                result.put(UUID.fromString(entry.getKey()), seq.value());
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return result;
    }
}
