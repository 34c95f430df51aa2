package io.chatbackend.message.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chatbackend.message.command.MessageSentEvent;
import io.chatbackend.message.command.SendBegunEvent;
import io.chatbackend.message.contract.MessageSent;
import io.chatbackend.platform.axon.AuditMetadata;
import io.chatbackend.platform.events.contract.ContractSamples;
import io.chatbackend.platform.events.IntegrationEventCodec;
import io.chatbackend.platform.events.OutgoingEvent;
import io.chatbackend.platform.events.axon.DomainEventEnvelopes;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What message-domain publishes has exactly the shape of the frozen sample of its version and still reads as every
 * earlier one (the consumers' tests read the samples), and nothing but completed sends is published.
 */
class MessageSentContractTest {

    private final IntegrationEventCodec codec = new IntegrationEventCodec();
    private final MessageIntegrationMapper mapper = new MessageIntegrationMapper(new DomainEventEnvelopes(codec));

    @Test
    void aSentMessageIsPublishedInTheShapeOfTheContractSample() {
        UUID dialogId = UUID.randomUUID();
        MessageSentEvent sent = new MessageSentEvent("7301450342400000042", dialogId, UUID.randomUUID(), 3, 11,
                "hello", Instant.parse("2026-11-23T10:15:30.120Z"));
        List<OutgoingEvent> published = mapper.map(new GenericDomainEventMessage<>("Message", sent.messageId(), 2,
                sent, MetaData.from(Map.of(AuditMetadata.CORRELATION_ID, "c-1", AuditMetadata.CAUSATION_ID, "c-0"))));

        assertThat(published).hasSize(1);
        OutgoingEvent event = published.get(0);
        assertThat(event.topic()).isEqualTo(MessageSent.TOPIC);
        assertThat(event.key()).as("keyed by dialog").isEqualTo(dialogId.toString());
        ContractSamples samples = ContractSamples.onClasspath();
        assertThat(samples.problems()).as("every published sample frozen by its manifest").isEmpty();
        assertThat(samples.checkPublished(event.event())).isEmpty();
        JsonNode actual = codec.toTree(event.event());
        assertThat(actual.get("aggregateSequence").asLong()).isEqualTo(2);
        assertThat(actual.get("correlationId").asString()).isEqualTo("c-1");
        assertThat(actual.get("payload").get("messageId").asString()).isEqualTo("7301450342400000042");
        assertThat(actual.get("payload").get("dialogSeq").asLong()).isEqualTo(11);
        assertThat(codec.payload(event.event(), MessageSent.class).body().text()).isEqualTo("hello");
    }

    @Test
    void anUnfinishedSendIsNotPublished() {
        SendBegunEvent begun = new SendBegunEvent("1", UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "x");
        assertThat(mapper.map(new GenericDomainEventMessage<>("Message", "1", 0, begun))).isEmpty();
    }
}
