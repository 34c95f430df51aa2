package io.chatbackend.userclient.integration;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

import java.util.UUID;

/**
 * Writes integration events into the outbox table, inside the caller's transaction (never on its own), so an event
 * exists exactly when its change committed. The platform's outbox relay ships them to Kafka in position order;
 * {@code afterCommit} nudges it so a new event goes out at once instead of at the next poll.
 */
public class Outbox {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final Runnable afterCommit;

    public Outbox(JdbcTemplate jdbc, JsonMapper json, Runnable afterCommit) {
        this.jdbc = jdbc;
        this.json = json;
        this.afterCommit = afterCommit;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void add(String topic, String key, String type, Object payload) {
        jdbc.update("INSERT INTO outbox (event_id, topic, message_key, event_type, payload) "
                        + "VALUES (?, ?, ?, ?, ?::jsonb)",
                UUID.randomUUID(), topic, key, type, json.writeValueAsString(payload));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                afterCommit.run();
            }
        });
    }
}
