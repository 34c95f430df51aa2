package io.chatbackend.dialog;

import java.util.List;

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
        ServiceChecks.assertOwnSchemaOnly(jdbc, "dialog_domain", "1", "2", "3");
    }

    @Test
    void migratesItsCassandraKeyspaceAndCreatesItsReadModelTables() {
        assertThat(cql.execute("SELECT version FROM schema_migrations WHERE version = 2").one()).isNotNull();
        for (String table : List.of("timeline_e1", "dialog_activity_e1", "dialog_by_id_e1", "members_by_dialog_e1",
                "dialogs_by_user_e1", "read_watermarks_e1")) {
            assertThat(cql.execute("SELECT * FROM " + table + " LIMIT 1")).as(table).isNotNull();
        }
    }
}
