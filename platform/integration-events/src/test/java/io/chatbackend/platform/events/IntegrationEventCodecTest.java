package io.chatbackend.platform.events;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntegrationEventCodecTest {

    private final IntegrationEventCodec codec = new IntegrationEventCodec();
    private final JsonMapper json = JsonMapper.builder().build();

    record Sample(UUID userId, String name, Instant at, List<Integer> numbers) {
    }

    @Test
    void roundTripKeepsEveryMemberAndTheJsonFormIsTheContract() {
        UUID user = UUID.randomUUID();
        Instant at = Instant.parse("2026-01-02T03:04:05.678Z");
        IntegrationEvent event = new IntegrationEvent("e-1", "Sample", 2, at, user.toString(), 7, "corr", "cause",
                codec.payloadOf(new Sample(user, "Ann", at, List.of(1, 2))));

        byte[] bytes = codec.encode(event);
        assertThat(codec.decode(bytes)).isEqualTo(event);
        assertThat(codec.decode(codec.encodeToString(event))).isEqualTo(event);

        JsonNode tree = json.readTree(new String(bytes, StandardCharsets.UTF_8));
        assertThat(tree.propertyNames()).containsExactly("eventId", "type", "version", "occurredAt", "aggregateId",
                "aggregateSequence", "correlationId", "causationId", "payload");
        assertThat(tree.get("occurredAt").isString()).isTrue();
        assertThat(tree.get("occurredAt").asString()).isEqualTo("2026-01-02T03:04:05.678Z");
        assertThat(tree.get("payload").isObject()).isTrue();
        assertThat(tree.get("payload").get("at").asString()).as("payload times are ISO strings too")
                .isEqualTo("2026-01-02T03:04:05.678Z");
        assertThat(codec.payload(codec.decode(bytes), Sample.class)).isEqualTo(new Sample(user, "Ann", at,
                List.of(1, 2)));
    }

    @Test
    void absentIdsAreWrittenAsNullAndReadBackAsNull() {
        IntegrationEvent event = new IntegrationEvent("e-2", "Sample", 1, Instant.EPOCH, null, 0, null, null,
                json.createObjectNode());
        JsonNode tree = json.readTree(codec.encodeToString(event));
        assertThat(tree.get("correlationId").isNull()).isTrue();
        assertThat(codec.decode(codec.encode(event))).isEqualTo(event);
    }

    @Test
    void decodingIgnoresUnknownMembersAndDefaultsWhatIsMissing() {
        IntegrationEvent event = codec.decode("""
                {"eventId":"e-3","type":"Later","schema":"v9","occurredAt":"2026-01-02T03:04:05Z",
                 "payload":{"known":1,"addedLater":{"deep":[1,2,3]}},"extra":[true]}""");
        assertThat(event.eventId()).isEqualTo("e-3");
        assertThat(event.version()).isEqualTo(1);
        assertThat(event.aggregateId()).isNull();
        assertThat(event.aggregateSequence()).isEqualTo(-1);
        assertThat(event.correlationId()).isNull();
        assertThat(event.causationId()).isNull();
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(event.payload().get("addedLater").get("deep").size()).isEqualTo(3);

        record Known(int known) {
        }
        assertThat(codec.payload(event, Known.class)).as("contract types ignore members they do not know")
                .isEqualTo(new Known(1));
    }

    @Test
    void aPayloadSentAsJsonTextAndAnUnreadableTimeAreTolerated() {
        IntegrationEvent event = codec.decode("""
                {"eventId":"e-4","type":"T","version":3,"occurredAt":"yesterday","payload":"{\\"a\\":1}"}""");
        assertThat(event.version()).isEqualTo(3);
        assertThat(event.occurredAt()).isNull();
        assertThat(event.payload().get("a").asInt()).isEqualTo(1);
        assertThat(codec.decode("{\"eventId\":\"e-5\",\"type\":\"T\"}").payload().isObject()).isTrue();
    }

    @Test
    void refusesWhatIsNoIntegrationEvent() {
        assertThatThrownBy(() -> codec.decode("not json")).isInstanceOf(MalformedIntegrationEventException.class);
        assertThatThrownBy(() -> codec.decode("[1,2]")).isInstanceOf(MalformedIntegrationEventException.class);
        assertThatThrownBy(() -> codec.decode("{\"type\":\"T\"}"))
                .isInstanceOf(MalformedIntegrationEventException.class);
        assertThatThrownBy(() -> codec.decode((byte[]) null)).isInstanceOf(MalformedIntegrationEventException.class);
    }

    @Test
    void topicNamesPrefixEveryTopicTheSameWay() {
        TopicNames names = new TopicNames("t_1.");
        assertThat(names.physical("uaa.users.v1")).isEqualTo("t_1.uaa.users.v1");
        assertThat(names.logical("t_1.uaa.users.v1")).isEqualTo("uaa.users.v1");
        assertThat(TopicNames.unprefixed().physical("a")).isEqualTo("a");
        assertThat(new TopicNames(null).prefix()).isEmpty();
    }
}
