package io.chatbackend.userclient.integration;

import io.chatbackend.dialog.contract.events.MemberJoined;
import io.chatbackend.dialog.contract.events.MemberLeft;
import io.chatbackend.platform.events.IntegrationEvent;
import io.chatbackend.platform.events.IntegrationEventCodec;
import io.chatbackend.platform.events.consumer.OneUnitPerBatchHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.UUID;

/**
 * Who shares a dialog with whom, learnt from dialog-domain's {@code MemberJoined}/{@code MemberLeft} (topic
 * {@code dialog.dialogs.v1}), kept in user-client's own {@code dialog_member} table for presence visibility.
 *
 * <p>Idempotent and order-safe: a row only moves to a higher {@code aggregateSequence} of its dialog, so a
 * redelivered or replayed event (a lower or equal sequence) changes nothing, and a replayed old join never undoes
 * a later leave. Other event types of the topic are ignored. One transaction per polled batch.
 */
public class DialogMembership extends OneUnitPerBatchHandler {

    private static final String UPSERT = "INSERT INTO dialog_member (dialog_id, user_id, member, seq) "
            + "VALUES (?, ?, ?, ?) ON CONFLICT (dialog_id, user_id) DO UPDATE "
            + "SET member = excluded.member, seq = excluded.seq WHERE dialog_member.seq < excluded.seq";

    private final JdbcTemplate jdbc;
    private final IntegrationEventCodec codec;

    public DialogMembership(JdbcTemplate jdbc, TransactionTemplate transactions, IntegrationEventCodec codec) {
        super(work -> transactions.executeWithoutResult(status -> work.run()));
        this.jdbc = jdbc;
        this.codec = codec;
    }

    @Override
    protected void apply(IntegrationEvent event) {
        switch (event.type()) {
            case MemberJoined.TYPE -> {
                MemberJoined joined = codec.payload(event, MemberJoined.class);
                write(joined.dialogId(), joined.userId(), true, event.aggregateSequence());
            }
            case MemberLeft.TYPE -> {
                MemberLeft left = codec.payload(event, MemberLeft.class);
                write(left.dialogId(), left.userId(), false, event.aggregateSequence());
            }
            default -> {
                // DialogCreated, ReadWatermarkAdvanced, later types: not needed for visibility
            }
        }
    }

    private void write(UUID dialogId, UUID userId, boolean member, long seq) {
        if (dialogId == null || userId == null) {
            return; // cannot be placed; nothing to do rather than block the partition
        }
        jdbc.update(UPSERT, dialogId, userId, member, seq);
    }
}
