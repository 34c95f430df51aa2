package io.chatbackend.userclient;

import org.springframework.jdbc.core.JdbcTemplate;
import io.chatbackend.platform.testing.EmbeddedInfraProperties;
import io.chatbackend.platform.testing.ServiceChecks;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The user-client service starts on the real embedded servers and reports ready only with its dependencies. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UserClientApplicationIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        EmbeddedInfraProperties.register(registry, "userclient");
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void itsApiRequiresAnAccessToken() throws Exception {
        ServiceChecks.assertApiRequiresToken(port);
    }

    @Test
    void readinessIsUpAndCoversItsRealDependencies() throws Exception {
        ServiceChecks.assertReadyWith(port, "db", "kafka");
    }

    @Test
    void appliesOnlyItsOwnPostgresMigrationsInItsOwnSchema() {
        ServiceChecks.assertOwnSchemaOnly(jdbc, "user_client", "1", "2");
    }
}
