package io.chatbackend.notification.session;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Writes server frames as JSON: {@code type} and {@code sessionSeq} first, then the frame's own members. */
public final class FrameJson {

    private final JsonMapper json;

    public FrameJson(JsonMapper json) {
        this.json = json;
    }

    public String write(ServerFrame frame) {
        ObjectNode node = json.createObjectNode();
        node.put("type", frame.body().type());
        node.put("sessionSeq", frame.sessionSeq());
        JsonNode members = json.valueToTree(frame.body());
        if (members instanceof ObjectNode object) {
            object.remove("type");
            object.remove("sessionSeq");
            node.setAll(object);
        }
        return json.writeValueAsString(node);
    }
}
