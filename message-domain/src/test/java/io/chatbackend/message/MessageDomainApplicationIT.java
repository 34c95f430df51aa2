package io.chatbackend.message;

import org.springframework.jdbc.core.JdbcTemplate;
import com.datastax.oss.driver.api.core.CqlSession;
import io.chatbackend.platform.testing.EmbeddedInfraProperties;
import io.chatbackend.platform.testing.ServiceChecks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The message-domain service starts on the real embedded servers and reports ready only with its dependencies. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MessageDomainApplicationIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        EmbeddedInfraProperties.register(registry, "message");
    }

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
        ServiceChecks.assertOwnSchemaOnly(jdbc, "message_domain", "1", "2", "3");
    }

    @Test
    void migratesItsCassandraKeyspaceAndCreatesItsReadModelTables() {
        assertThat(cql.execute("SELECT version FROM schema_migrations WHERE version = 2").one()).isNotNull();
        cql.execute("INSERT INTO messages_by_id_e1 (message_id, body, version) VALUES (42, 'hello', 1)");
        assertThat(cql.execute("SELECT body FROM messages_by_id_e1 WHERE message_id = 42").one().getString(0))
                .isEqualTo("hello");
    }
}
