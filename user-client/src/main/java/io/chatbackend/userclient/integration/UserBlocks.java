package io.chatbackend.userclient.integration;

import io.chatbackend.dialog.contract.events.UserBlocked;
import io.chatbackend.dialog.contract.events.UserUnblocked;
import io.chatbackend.platform.events.IntegrationEvent;
import io.chatbackend.platform.events.IntegrationEventCodec;
import io.chatbackend.platform.events.consumer.OneUnitPerBatchHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.UUID;

/**
 * Who blocked whom, learnt from dialog-domain's {@code UserBlocked}/{@code UserUnblocked} (topic
 * {@code dialog.blocks.v1}, ADR 0024), kept in user-client's own {@code user_block} table so that presence hides a
 * blocker from the users they blocked. Idempotent and order-safe as {@link DialogMembership} is: a row only moves to
 * a higher {@code aggregateSequence} of the blocker's block list.
 */
public class UserBlocks extends OneUnitPerBatchHandler {

    private static final String UPSERT = "INSERT INTO user_block (blocker_id, blocked_id, blocked, seq) "
            + "VALUES (?, ?, ?, ?) ON CONFLICT (blocker_id, blocked_id) DO UPDATE "
            + "SET blocked = excluded.blocked, seq = excluded.seq WHERE user_block.seq < excluded.seq";

    private final JdbcTemplate jdbc;
    private final IntegrationEventCodec codec;

    public UserBlocks(JdbcTemplate jdbc, TransactionTemplate transactions, IntegrationEventCodec codec) {
        super(work -> transactions.executeWithoutResult(status -> work.run()));
        this.jdbc = jdbc;
        this.codec = codec;
    }

    @Override
    protected void apply(IntegrationEvent event) {
        switch (event.type()) {
            case UserBlocked.TYPE -> {
                UserBlocked blocked = codec.payload(event, UserBlocked.class);
                write(blocked.blockerId(), blocked.blockedId(), true, event.aggregateSequence());
            }
            case UserUnblocked.TYPE -> {
                UserUnblocked unblocked = codec.payload(event, UserUnblocked.class);
                write(unblocked.blockerId(), unblocked.blockedId(), false, event.aggregateSequence());
            }
            default -> {
                // later types of the topic: not needed here
            }
        }
    }

    private void write(UUID blocker, UUID blocked, boolean isBlocked, long seq) {
        if (blocker == null || blocked == null) {
            return; // cannot be placed; nothing to do rather than block the partition
        }
        jdbc.update(UPSERT, blocker, blocked, isBlocked, seq);
    }
}
