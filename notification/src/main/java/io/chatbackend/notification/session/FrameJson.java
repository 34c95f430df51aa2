package io.chatbackend.notification.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes server frames as JSON: {@code type} and {@code sessionSeq} first, then the frame's own members.
 *
 * <p>One message frame goes to every live session of every recipient (10,000 for a large group), each with its own
 * {@code sessionSeq}. The members are rendered once per frame body and kept by identity in a small cache, so each
 * further session only prefixes its number.
 */
public final class FrameJson {

    private final JsonMapper json;
    private final Cache<FrameBody, String> renderedMembers = Caffeine.newBuilder()
            .weakKeys() // identity: the same body object, shared by the sessions it was handed to
            .maximumSize(1024)
            .build();

    public FrameJson(JsonMapper json) {
        this.json = json;
    }

    public String write(ServerFrame frame) {
        String members = renderedMembers.get(frame.body(), this::members);
        StringBuilder out = new StringBuilder(members.length() + 48)
                .append("{\"type\":").append(json.writeValueAsString(frame.body().type()))
                .append(",\"sessionSeq\":").append(frame.sessionSeq());
        if (!members.isEmpty()) {
            out.append(',').append(members);
        }
        return out.append('}').toString();
    }

    /** The body's members (without {@code type} and {@code sessionSeq}) as JSON object content, without braces. */
    private String members(FrameBody body) {
        JsonNode members = json.valueToTree(body);
        if (!(members instanceof ObjectNode object)) {
            return "";
        }
        object.remove("type");
        object.remove("sessionSeq");
        if (object.isEmpty()) {
            return "";
        }
        String rendered = json.writeValueAsString(object);
        return rendered.substring(1, rendered.length() - 1);
    }
}
