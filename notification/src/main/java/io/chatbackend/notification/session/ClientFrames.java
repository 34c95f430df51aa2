package io.chatbackend.notification.session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;

/**
 * Reads the frames a client sends ({@code ping}, {@code resume}, {@code ack}) and applies them to its session. A
 * frame that cannot be understood is ignored (logged at debug): a client bug must not cost the session.
 */
final class ClientFrames {

    private static final Logger log = LoggerFactory.getLogger(ClientFrames.class);
    /** A resume names at most this many dialogs (a user's inbox is capped at 10,000). */
    private static final int MAX_RESUME_DIALOGS = 10_000;

    private final JsonMapper json;

    ClientFrames(JsonMapper json) {
        this.json = json;
    }

    void apply(LiveSession session, String text) {
        JsonNode frame;
        try {
            frame = json.readTree(text);
        } catch (JacksonException e) {
            log.debug("Session {}: not JSON, ignored", session.id());
            return;
        }
        String type = frame.path("type").asString("");
        switch (type) {
            case "ping" -> session.send(new FrameBody.Pong());
            case "resume" -> {
                Map<UUID, Long> dialogs = resumeDialogs(frame.path("dialogs"));
                if (dialogs == null) {
                    log.debug("Session {}: malformed resume, ignored", session.id());
                } else {
                    session.resume(dialogs);
                }
            }
            // delivery cursors per device belong to user-client (a later increment); accepted and logged
            case "ack" -> log.debug("Session {}: ack dialog {} up to {}", session.id(), frame.path("dialogId"),
                    frame.path("upToSeq"));
            default -> log.debug("Session {}: unknown frame type '{}', ignored", session.id(), type);
        }
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
            JsonNode seq = entry.getValue();
            if (!seq.isIntegralNumber() || !seq.canConvertToLong() || seq.asLong() < 0) {
                return null;
            }
            try {
                result.put(UUID.fromString(entry.getKey()), seq.asLong());
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return result;
    }
}
