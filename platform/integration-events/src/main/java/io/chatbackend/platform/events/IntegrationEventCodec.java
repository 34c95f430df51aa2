package io.chatbackend.platform.events;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reads and writes the JSON form of {@link IntegrationEvent}.
 *
 * <p>Writing always produces every member ({@code null} for absent ids). Reading is tolerant, because contracts
 * grow and old records live forever on the topics: unknown members are ignored, a missing {@code version} means 1,
 * missing ids are null, a missing {@code aggregateSequence} is -1, and a payload that arrives as a JSON string is
 * parsed. Only a record without {@code eventId} or {@code type}, or one that is not a JSON object, is refused
 * ({@link MalformedIntegrationEventException}).
 */
public final class IntegrationEventCodec {

    private final JsonMapper json;

    /** A codec with its own mapper (tolerant of unknown properties, ISO-8601 dates). */
    public IntegrationEventCodec() {
        this(JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build());
    }

    /** A codec using the given mapper for payload conversions (e.g. the application's Boot-configured one). */
    public IntegrationEventCodec(JsonMapper json) {
        this.json = json;
    }

    public byte[] encode(IntegrationEvent event) {
        return json.writeValueAsBytes(toTree(event));
    }

    public String encodeToString(IntegrationEvent event) {
        return json.writeValueAsString(toTree(event));
    }

    /** The JSON object form, member by member (used for contract samples and shape checks too). */
    public ObjectNode toTree(IntegrationEvent event) {
        ObjectNode node = json.createObjectNode();
        node.put("eventId", event.eventId());
        node.put("type", event.type());
        node.put("version", event.version());
        node.put("occurredAt", event.occurredAt() == null ? null : event.occurredAt().toString());
        node.put("aggregateId", event.aggregateId());
        node.put("aggregateSequence", event.aggregateSequence());
        node.put("correlationId", event.correlationId());
        node.put("causationId", event.causationId());
        node.set("payload", event.payload());
        return node;
    }

    public IntegrationEvent decode(byte[] bytes) {
        if (bytes == null) {
            throw new MalformedIntegrationEventException("no value (a tombstone?)", null);
        }
        return decode(new String(bytes, StandardCharsets.UTF_8));
    }

    public IntegrationEvent decode(String text) {
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (JacksonException e) {
            throw new MalformedIntegrationEventException("not JSON: " + e.getOriginalMessage(), e);
        }
        return fromTree(root);
    }

    public IntegrationEvent fromTree(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new MalformedIntegrationEventException("not a JSON object", null);
        }
        String eventId = text(root, "eventId");
        String type = text(root, "type");
        if (eventId == null || type == null) {
            throw new MalformedIntegrationEventException("eventId and type are required", null);
        }
        JsonNode version = root.get("version");
        JsonNode sequence = root.get("aggregateSequence");
        return new IntegrationEvent(eventId, type,
                version != null && version.canConvertToInt() && version.asInt() >= 1 ? version.asInt() : 1,
                instant(text(root, "occurredAt")), text(root, "aggregateId"),
                sequence != null && sequence.canConvertToLong() ? sequence.asLong() : -1,
                text(root, "correlationId"), text(root, "causationId"), payload(root.get("payload")));
    }

    /** The payload as a JSON tree, from a contract object (a record) or a JSON string. */
    public JsonNode payloadOf(Object payload) {
        if (payload instanceof JsonNode node) {
            return node;
        }
        return json.valueToTree(payload);
    }

    /** Parses a payload stored as JSON text (e.g. an outbox row). */
    public JsonNode parsePayload(String jsonText) {
        return json.readTree(jsonText);
    }

    /** The payload converted to a contract type; unknown members are ignored. */
    public <T> T payload(IntegrationEvent event, Class<T> type) {
        return json.treeToValue(event.payload(), type);
    }

    private JsonNode payload(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return json.createObjectNode();
        }
        if (node.isString()) {
            try {
                return json.readTree(node.asString());
            } catch (JacksonException e) {
                return node; // a plain string payload is odd but not ours to refuse
            }
        }
        return node;
    }

    private static String text(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        return value.isValueNode() ? value.asString() : value.toString();
    }

    private static Instant instant(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null; // tolerant: a consumer that needs the time sees that it is unknown
        }
    }
}
