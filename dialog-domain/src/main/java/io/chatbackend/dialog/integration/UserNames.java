package io.chatbackend.dialog.integration;

import io.chatbackend.platform.events.IntegrationEvent;
import io.chatbackend.platform.events.IntegrationEventCodec;
import io.chatbackend.platform.events.consumer.OneUnitPerBatchHandler;
import io.chatbackend.uaa.contract.UserProfileChanged;
import io.chatbackend.uaa.contract.UserRegistered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.UUID;

/**
 * Users' display names from UAA's {@code UserRegistered} and {@code UserProfileChanged} (topic
 * {@value UserRegistered#TOPIC}), kept in dialog-domain's own {@code user_name} table for history pages and inboxes.
 * Idempotent and order-safe: a row only moves to a higher {@code aggregateSequence}. One transaction per batch.
 */
public class UserNames extends OneUnitPerBatchHandler {

    private static final String UPSERT = "INSERT INTO user_name (user_id, display_name, seq) VALUES (?, ?, ?) "
            + "ON CONFLICT (user_id) DO UPDATE SET display_name = excluded.display_name, seq = excluded.seq "
            + "WHERE user_name.seq < excluded.seq";

    private final JdbcTemplate jdbc;
    private final IntegrationEventCodec codec;

    public UserNames(JdbcTemplate jdbc, TransactionTemplate transactions, IntegrationEventCodec codec) {
        super(work -> transactions.executeWithoutResult(status -> work.run()));
        this.jdbc = jdbc;
        this.codec = codec;
    }

    @Override
    protected void apply(IntegrationEvent event) {
        switch (event.type()) {
            case UserRegistered.TYPE -> {
                UserRegistered registered = codec.payload(event, UserRegistered.class);
                write(registered.userId(), registered.displayName(), event.aggregateSequence());
            }
            case UserProfileChanged.TYPE -> {
                UserProfileChanged changed = codec.payload(event, UserProfileChanged.class);
                write(changed.userId(), changed.displayName(), event.aggregateSequence());
            }
            default -> {
                // later types of the topic: not needed here
            }
        }
    }

    private void write(UUID userId, String displayName, long seq) {
        if (userId == null || displayName == null) {
            return; // cannot be placed; nothing to do rather than block the partition
        }
        jdbc.update(UPSERT, userId, displayName, seq);
    }
}
