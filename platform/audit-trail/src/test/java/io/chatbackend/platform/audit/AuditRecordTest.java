package io.chatbackend.platform.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class AuditRecordTest {

    private final AuditRecord record = new AuditRecord(1, Instant.parse("2026-12-07T10:00:00.123456Z"),
            "user:9b2f7c1a-3e4d-4a5b-8c6d-7e8f9a0b1c2d", "laptop", "req-1", "ROLE_GRANTED", "user:42",
            "{\"role\": \"AUDITOR\"}", AuditTrail.GENESIS, null).sealed();

    @Test
    void theHashCoversEveryField() {
        assertThat(record.hash()).hasSize(64).isEqualTo(record.expectedHash());
        assertThat(changed(record.payload().replace("AUDITOR", "ADMIN"), record.actor()).expectedHash())
                .isNotEqualTo(record.hash());
        assertThat(changed(record.payload(), "user:someone-else").expectedHash()).isNotEqualTo(record.hash());
        assertThat(new AuditRecord(1, record.occurredAt(), record.actor(), record.deviceId(), record.correlationId(),
                record.type(), record.subject(), record.payload(), "f".repeat(64), null).sealed().hash())
                .as("the previous record's hash is part of it").isNotEqualTo(record.hash());
    }

    @Test
    void theSameFieldsGiveTheSameHash() {
        assertThat(changed(record.payload(), record.actor()).expectedHash()).isEqualTo(record.hash());
    }

    private AuditRecord changed(String payload, String actor) {
        return new AuditRecord(record.sequence(), record.occurredAt(), actor, record.deviceId(),
                record.correlationId(), record.type(), record.subject(), payload, record.previousHash(),
                record.hash());
    }
}
