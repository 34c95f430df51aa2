package io.chatbackend.dialog;

import org.springframework.jdbc.core.JdbcTemplate;
import com.datastax.oss.driver.api.core.CqlSession;
import io.chatbackend.platform.testing.ServiceChecks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The dialog-domain service starts on the real embedded servers and reports ready only with its dependencies. */
class DialogDomainApplicationIT extends DialogDomainIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CqlSession cql;

    @Test
    void itsApiRequiresAnAccessToken() throws Exception {
        ServiceChecks.assertApiRequiresToken(port);
    }

    @Test
    void readinessIsUpAndCoversItsRealDependencies() throws Exception {
        ServiceChecks.assertReadyWith(port, "db", "kafka", "cassandra");
    }

    @Test
    void appliesOnlyItsOwnPostgresMigrationsInItsOwnSchema() {
        ServiceChecks.assertOwnSchemaOnly(jdbc, "dialog_domain", "1", "2");
    }

    @Test
    void migratesItsCassandraKeyspaceAndQueriesIt() {
        assertThat(cql.execute("SELECT version FROM schema_migrations WHERE version = 1").one()).isNotNull();
        cql.execute("INSERT INTO timeline (dialog_id, bucket, dialog_seq, message_id, body, version) VALUES (7f000000-0000-0000-0000-000000000001, 0, 1, 42, 'hello', 1)");
        assertThat(cql.execute("SELECT body FROM timeline WHERE dialog_id = 7f000000-0000-0000-0000-000000000001 AND bucket = 0").one().getString(0)).isEqualTo("hello");
    }
}
