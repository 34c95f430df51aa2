package io.chatbackend.platform.auditapi;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Stored payloads as JSON: JSON stays as it was written; anything else shows as its bytes in base64. */
final class StoredPayloads {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private StoredPayloads() {
    }

    static JsonNode json(byte[] stored) {
        try {
            return JSON.readTree(stored);
        } catch (JacksonException e) {
            return JsonNodeFactory.instance.stringNode(Base64.getEncoder().encodeToString(stored));
        }
    }

    static JsonNode json(String stored) {
        return json(stored.getBytes(StandardCharsets.UTF_8));
    }
}
