package io.chatbackend.platform.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks every service's integration test makes of the running application. */
public final class ServiceChecks {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ServiceChecks() {
    }

    /** Readiness answers 200 UP and lists each of the given health components (its real dependencies). */
    public static void assertReadyWith(int port, String... components) throws Exception {
        HttpResponse<String> response = get(port, "/actuator/health/readiness");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"");
        for (String component : components) {
            assertThat(response.body()).contains("\"" + component + "\"");
        }
    }

    /** The service's API refuses a call without an access token with a 401 problem. */
    public static void assertApiRequiresToken(int port) throws Exception {
        HttpResponse<String> response = get(port, "/api/v1/anything");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("\"code\":\"UNAUTHENTICATED\"");
    }

    /** The service applied these Flyway versions in its own schema, and created no other schema. */
    public static void assertOwnSchemaOnly(JdbcTemplate jdbc, String schema,
                                           String... versions) {
        assertThat(jdbc.queryForList("SELECT version FROM " + schema + ".flyway_schema_history WHERE success",
                String.class)).contains(versions);
        assertThat(jdbc.queryForList("SELECT schema_name FROM information_schema.schemata WHERE schema_name NOT LIKE "
                + "'pg_%' AND schema_name NOT IN ('information_schema', 'public')", String.class))
                .containsExactly(schema);
    }

    /**
     * PostgreSQL can find the rows this statement touches by an index: planned with sequential scans disabled, its
     * plan has none (a table with no index for it is still scanned, and named). A statement of a table that grows
     * with use must pass, or it gets slower with every row.
     */
    public static void assertServedByIndexes(JdbcTemplate jdbc, String sql, Object... parameters) {
        List<String> plan = jdbc.execute((Connection connection) -> {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (Statement settings = connection.createStatement();
                 PreparedStatement explain = connection.prepareStatement("EXPLAIN " + sql)) {
                settings.execute("SET LOCAL enable_seqscan = off");
                for (int i = 0; i < parameters.length; i++) {
                    explain.setObject(i + 1, parameters[i]);
                }
                List<String> lines = new ArrayList<>();
                try (ResultSet rows = explain.executeQuery()) {
                    while (rows.next()) {
                        lines.add(rows.getString(1));
                    }
                }
                return lines;
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        });
        assertThat(plan).as("plan of %s", sql).isNotEmpty().noneMatch(line -> line.contains("Seq Scan"));
    }

    public static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
