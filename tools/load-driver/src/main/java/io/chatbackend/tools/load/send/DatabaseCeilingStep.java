package io.chatbackend.tools.load.send;

import io.chatbackend.tools.load.common.report.Transcript;
import io.chatbackend.tools.load.send.postgres.CommitCeiling;
import io.chatbackend.tools.load.send.postgres.PostgresAccess;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Before the main measurement: prints how durable the run's PostgreSQL is and what it commits per second on its
 * own, so the sends/s can be set against it.
 */
final class DatabaseCeilingStep {

    static final List<Integer> CONNECTIONS = List.of(1, 16);

    private DatabaseCeilingStep() {
    }

    /** Commits per second by connection count; empty when the database could not be reached or it was skipped. */
    static Map<Integer, Double> run(Transcript out, Path dataDir, Path endpointsFile, int seconds) {
        Optional<PostgresAccess> access = dataDir != null ? PostgresAccess.fromDataDir(dataDir)
                : PostgresAccess.fromEndpoints(endpointsFile);
        if (access.isEmpty()) {
            out.say("PostgreSQL: no credentials found (give --data-dir of the run): durability and commit ceiling "
                    + "not measured");
            return Map.of();
        }
        CommitCeiling ceiling = new CommitCeiling(access.get());
        try {
            out.say("PostgreSQL %s: %s", access.get().jdbcUrl(), ceiling.durabilitySettings());
            if (seconds == 0) {
                return Map.of();
            }
            out.say("durable-commit ceiling: single-row insert transactions into a logged scratch table, %d s per "
                    + "connection count ...", seconds);
            Map<Integer, Double> rates = ceiling.measure(CONNECTIONS, seconds);
            rates.forEach((connections, rate) -> out.say("  %2d connection%s: %,.0f commits/s", connections,
                    connections == 1 ? " " : "s", rate));
            return rates;
        } catch (Exception e) {
            out.say("PostgreSQL: could not measure (%s)", e.getMessage());
            return Map.of();
        }
    }
}
