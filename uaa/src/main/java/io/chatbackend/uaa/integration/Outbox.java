package io.chatbackend.uaa.integration;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.util.UUID;

/** Writes integration events into the outbox table, inside the caller's transaction (never on its own). */
public class Outbox {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    public Outbox(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void add(String topic, String key, String type, Object payload) {
        jdbc.update("INSERT INTO outbox (event_id, topic, message_key, event_type, payload) VALUES (?, ?, ?, ?, ?)",
                UUID.randomUUID(), topic, key, type, json.writeValueAsString(payload));
    }
}
