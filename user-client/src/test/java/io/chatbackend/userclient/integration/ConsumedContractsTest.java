package io.chatbackend.userclient.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import java.util.List;
import java.util.UUID;

import io.chatbackend.dialog.contract.events.MemberJoined;
import io.chatbackend.dialog.contract.events.MemberLeft;
import io.chatbackend.dialog.contract.events.UserBlocked;
import io.chatbackend.dialog.contract.events.UserUnblocked;
import io.chatbackend.platform.events.IntegrationEvent;
import io.chatbackend.platform.events.IntegrationEventCodec;
import io.chatbackend.platform.events.consumer.OneUnitPerBatchHandler;
import io.chatbackend.platform.events.contract.ContractSample;
import io.chatbackend.platform.events.contract.ContractSamples;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What user-client consumes, read from every frozen sample of every version (docs/evolving-a-context.md), through
 * its real handlers: dialog-domain's joins and leaves become {@code dialog_member} rows, its blocks and unblocks
 * {@code user_block} rows, each at the event's sequence.
 */
class ConsumedContractsTest {

    private final ContractSamples samples = ContractSamples.onClasspath();
    private final IntegrationEventCodec codec = new IntegrationEventCodec();
    private final TransactionTemplate transactions = new TransactionTemplate(mock(PlatformTransactionManager.class));

    @Test
    void everyMembershipSampleIsWrittenAsWhetherTheUserIsAMember() throws Exception {
        for (ContractSample sample : consumed(MemberJoined.TYPE)) {
            JdbcTemplate jdbc = mock(JdbcTemplate.class);
            handle(new DialogMembership(jdbc, transactions, codec), sample.event());
            verify(jdbc).update(anyString(), eq(uuid(sample, "dialogId")), eq(uuid(sample, "userId")), eq(true),
                    eq(sample.event().aggregateSequence()));
        }
        for (ContractSample sample : consumed(MemberLeft.TYPE)) {
            JdbcTemplate jdbc = mock(JdbcTemplate.class);
            handle(new DialogMembership(jdbc, transactions, codec), sample.event());
            verify(jdbc).update(anyString(), eq(uuid(sample, "dialogId")), eq(uuid(sample, "userId")), eq(false),
                    eq(sample.event().aggregateSequence()));
        }
    }

    @Test
    void everyBlockSampleIsWrittenAsWhetherTheBlockHolds() throws Exception {
        for (String type : List.of(UserBlocked.TYPE, UserUnblocked.TYPE)) {
            for (ContractSample sample : consumed(type)) {
                JdbcTemplate jdbc = mock(JdbcTemplate.class);
                handle(new UserBlocks(jdbc, transactions, codec), sample.event());
                verify(jdbc).update(anyString(), eq(uuid(sample, "blockerId")), eq(uuid(sample, "blockedId")),
                        eq(UserBlocked.TYPE.equals(type)), eq(sample.event().aggregateSequence()));
            }
        }
    }

    private List<ContractSample> consumed(String type) {
        List<ContractSample> found = samples.of(type);
        assertThat(found).as("frozen samples of " + type).isNotEmpty();
        return found;
    }

    private static void handle(OneUnitPerBatchHandler handler, IntegrationEvent event) {
        handler.handle(event.aggregateId(), event);
    }

    private static UUID uuid(ContractSample sample, String member) {
        return UUID.fromString(sample.event().payload().get(member).asString());
    }
}
