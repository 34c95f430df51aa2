package io.chatbackend.dialog.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.chatbackend.dialog.readmodel.TimelineEvents;
import io.chatbackend.dialog.readmodel.TimelineProjection;
import io.chatbackend.message.contract.MessageSent;
import io.chatbackend.platform.events.IntegrationEventCodec;
import io.chatbackend.platform.events.contract.ContractSample;
import io.chatbackend.platform.events.contract.ContractSamples;
import io.chatbackend.uaa.contract.UserProfileChanged;
import io.chatbackend.uaa.contract.UserRegistered;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * What dialog-domain consumes, read from every frozen sample of every version (docs/evolving-a-context.md), through
 * its real handlers: message-domain's {@code MessageSent} reaches the timeline projection whole, uaa's
 * {@code UserRegistered} and {@code UserProfileChanged} become display names at the event's sequence.
 */
class ConsumedContractsTest {

    private final ContractSamples samples = ContractSamples.onClasspath();
    private final IntegrationEventCodec codec = new IntegrationEventCodec();

    @Test
    void everyMessageSentSampleReachesTheTimelineWhole() {
        for (ContractSample sample : consumed(MessageSent.TYPE)) {
            TimelineProjection projection = mock(TimelineProjection.class);
            new TimelineEvents(projection, codec, dialog -> List.of("timeline")).handle(sample.event().aggregateId(),
                    sample.event());
            ArgumentCaptor<MessageSent> applied = ArgumentCaptor.forClass(MessageSent.class);
            verify(projection).apply(applied.capture(), any());
            JsonNode payload = sample.event().payload();
            MessageSent message = applied.getValue();
            assertThat(message.messageId()).isEqualTo(payload.get("messageId").asString());
            assertThat(message.dialogId()).hasToString(payload.get("dialogId").asString());
            assertThat(message.senderId()).hasToString(payload.get("senderId").asString());
            assertThat(message.senderSeq()).isEqualTo(payload.get("senderSeq").asLong());
            assertThat(message.dialogSeq()).isEqualTo(payload.get("dialogSeq").asLong());
            assertThat(message.body().text()).isEqualTo(payload.get("body").get("text").asString());
            assertThat(message.sentAt()).isEqualTo(Instant.parse(payload.get("sentAt").asString()));
        }
    }

    @Test
    void everyUserSampleBecomesTheUsersDisplayName() {
        TransactionTemplate transactions = new TransactionTemplate(mock(PlatformTransactionManager.class));
        for (String type : List.of(UserRegistered.TYPE, UserProfileChanged.TYPE)) {
            for (ContractSample sample : consumed(type)) {
                JdbcTemplate jdbc = mock(JdbcTemplate.class);
                new UserNames(jdbc, transactions, codec).handle(sample.event().aggregateId(), sample.event());
                JsonNode payload = sample.event().payload();
                verify(jdbc).update(anyString(), eq(UUID.fromString(payload.get("userId").asString())),
                        eq(payload.get("displayName").asString()), eq(sample.event().aggregateSequence()));
            }
        }
    }

    private List<ContractSample> consumed(String type) {
        List<ContractSample> found = samples.of(type);
        assertThat(found).as("frozen samples of " + type).isNotEmpty();
        return found;
    }
}
