package io.chatbackend.platform.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import io.chatbackend.platform.infra.Endpoints;
import io.chatbackend.platform.testing.IsolatedData;
import io.chatbackend.platform.testing.SharedInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Versioned CQL migrations against the real Cassandra: in order, once each, and tamper-evident. */
class CqlMigrationsIT {

    private final Endpoints endpoints = SharedInfrastructure.endpoints();
    private final String keyspace = IsolatedData.uniqueName("cqlmig");

    @Test
    void appliesNewVersionsInOrderOnceAndRecordsThem() {
        try (CqlSession session = session()) {
            migrate(session, "v1");
            migrate(session, "v2");
            migrate(session, "v2");

            assertThat(session.execute("SELECT text, author FROM notes WHERE id = 1").one().getString("author"))
                    .isEqualTo("migration");
            List<Integer> versions = session.execute("SELECT version FROM schema_migrations").all().stream()
                    .map(row -> row.getInt(0)).sorted().toList();
            assertThat(versions).containsExactly(1, 2);
            assertThat(session.execute("SELECT count(*) FROM notes").one().getLong(0)).isEqualTo(1);
        }
    }

    @Test
    void refusesToStartWhenAnAppliedMigrationWasChanged() {
        try (CqlSession session = session()) {
            migrate(session, "v1");
            assertThatThrownBy(() -> migrate(session, "changed")).hasMessageContaining("checksum mismatch");
        }
    }

    private void migrate(CqlSession session, String folder) {
        new CqlMigrations(session, new PathMatchingResourcePatternResolver(), "classpath:cql-test/" + folder).apply();
    }

    private CqlSession session() {
        CassandraProperties properties = new CassandraProperties(
                List.of(endpoints.cassandraHost() + ":" + endpoints.cassandraPort()), null,
                endpoints.cassandraLocalDatacenter(), keyspace, null, null, null);
        return new CassandraSupportAutoConfiguration().cqlSession(properties);
    }
}
