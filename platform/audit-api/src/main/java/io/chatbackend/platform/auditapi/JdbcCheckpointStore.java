package io.chatbackend.platform.auditapi;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The checkpoints in the context's own schema (table {@code audit_checkpoint}). */
final class JdbcCheckpointStore implements CheckpointStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, String>> HEADS = new TypeReference<>() {
    };
    private static final String COLUMNS =
            "seq, taken_at, up_to_position, items, digest, heads, previous_signature, signature";
    private static final RowMapper<AuditCheckpoint> ROW = (rs, n) -> new AuditCheckpoint(rs.getLong(1),
            rs.getTimestamp(2).toInstant(), rs.getLong(3), rs.getLong(4), rs.getString(5),
            JSON.readValue(rs.getString(6), HEADS), rs.getString(7), rs.getString(8));

    private final JdbcTemplate jdbc;

    JdbcCheckpointStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<AuditCheckpoint> newest() {
        return jdbc.query("SELECT " + COLUMNS + " FROM audit_checkpoint ORDER BY seq DESC LIMIT 1", ROW).stream()
                .findFirst();
    }

    @Override
    public void add(AuditCheckpoint checkpoint) {
        jdbc.update("INSERT INTO audit_checkpoint (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                checkpoint.seq(), Timestamp.from(checkpoint.takenAt()), checkpoint.upToPosition(),
                checkpoint.items(), checkpoint.digest(), JSON.writeValueAsString(checkpoint.heads()),
                checkpoint.previousSignature(), checkpoint.signature());
    }

    @Override
    public List<AuditCheckpoint> all() {
        return jdbc.query("SELECT " + COLUMNS + " FROM audit_checkpoint ORDER BY seq", ROW);
    }
}
