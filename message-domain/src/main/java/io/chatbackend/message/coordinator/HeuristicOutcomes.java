package io.chatbackend.message.coordinator;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Participant answers that contradicted the recorded outcome, shown in health until an operator resolves them
 * ({@code POST /api/v1/admin/tcc/heuristics/{messageId}/resolve}); they are never dropped.
 */
@Component("tccHeuristics")
class HeuristicOutcomes extends AbstractHealthIndicator {

    private final JdbcTemplate jdbc;

    HeuristicOutcomes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Integer unresolved = jdbc.queryForObject("SELECT count(*) FROM heuristic_outcome WHERE resolved_at IS NULL",
                Integer.class);
        builder.up().withDetail("unresolved", unresolved == null ? 0 : unresolved);
    }
}
