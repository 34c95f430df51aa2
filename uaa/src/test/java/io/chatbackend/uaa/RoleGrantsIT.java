package io.chatbackend.uaa;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jwt.SignedJWT;
import io.chatbackend.platform.audit.AuditTrail;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The AUDITOR role granted and revoked by an administrator (issue 15, ADR 0026): only ADMIN may, a login after the
 * change carries the role or no longer does, and each change is in UAA's audit trail with the administrator, their
 * device and the request id, chained so that a changed or removed record is found.
 */
class RoleGrantsIT extends UaaIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JsonMapper json;
    @Autowired
    AuditTrail trail;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anAdministratorGrantsAndRevokesAuditorAndEachChangeIsAChainedRecord() throws Exception {
        String admin = login("root-admin", "root-admin-password-1", "admin-console");
        String adminId = SignedJWT.parse(admin).getJWTClaimsSet().getSubject();
        String name = "auditor-" + UUID.randomUUID().toString().substring(0, 8);
        String userId = register(name);
        assertThat(roles(login(name, "an auditor's password", "d1"))).containsExactly("USER");

        String grantId = UUID.randomUUID().toString();
        assertThat(call("PUT", "/api/v1/admin/users/" + userId + "/roles/AUDITOR", admin, grantId).statusCode())
                .isEqualTo(204);
        assertThat(call("PUT", "/api/v1/admin/users/" + userId + "/roles/AUDITOR", admin, null).statusCode())
                .as("granting twice").isEqualTo(204);
        assertThat(roles(login(name, "an auditor's password", "d1"))).containsExactly("USER", "AUDITOR");

        String revokeId = UUID.randomUUID().toString();
        assertThat(call("DELETE", "/api/v1/admin/users/" + userId + "/roles/AUDITOR", admin, revokeId).statusCode())
                .isEqualTo(204);
        assertThat(roles(login(name, "an auditor's password", "d1"))).containsExactly("USER");

        List<Map<String, Object>> records = jdbc.queryForList("SELECT * FROM audit_record WHERE subject = ? ORDER BY seq",
                "user:" + userId);
        assertThat(records).as("one record per change, none for the repeated grant").hasSize(2);
        assertThat(records.get(0)).containsEntry("type", "ROLE_GRANTED").containsEntry("actor", "user:" + adminId)
                .containsEntry("device_id", "admin-console").containsEntry("correlation_id", grantId);
        assertThat(json.readTree((String) records.get(0).get("payload")).get("role").asString()).isEqualTo("AUDITOR");
        assertThat(records.get(1)).containsEntry("type", "ROLE_REVOKED").containsEntry("correlation_id", revokeId);
        assertThat(trail.verify()).isEmpty();
    }

    @Test
    void onlyAnAdministratorGrantsOnlyAuditorToAUserThatExists() throws Exception {
        String admin = login("root-admin", "root-admin-password-1", "admin-console");
        String name = "plain-" + UUID.randomUUID().toString().substring(0, 8);
        String userId = register(name);
        String user = login(name, "an auditor's password", "d1");
        long before = jdbc.queryForObject("SELECT count(*) FROM audit_record", Long.class);

        assertProblem(call("PUT", "/api/v1/admin/users/" + userId + "/roles/AUDITOR", user, null), 403, "FORBIDDEN");
        assertProblem(call("PUT", "/api/v1/admin/users/" + userId + "/roles/ADMIN", admin, null), 400,
                "VALIDATION_FAILED");
        assertProblem(call("PUT", "/api/v1/admin/users/" + UUID.randomUUID() + "/roles/AUDITOR", admin, null), 404,
                "USER_NOT_FOUND");
        assertProblem(call("DELETE", "/api/v1/admin/users/not-a-uuid/roles/AUDITOR", admin, null), 404,
                "USER_NOT_FOUND");
        assertProblem(call("PUT", "/api/v1/admin/users/" + userId + "/roles/AUDITOR", null, null), 401,
                "UNAUTHENTICATED");
        assertThat(roles(login(name, "an auditor's password", "d1"))).containsExactly("USER");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_record", Long.class)).as("nothing recorded")
                .isEqualTo(before);
    }

    @Test
    void aChangedOrRemovedRecordIsFound() throws Exception {
        String admin = login("root-admin", "root-admin-password-1", "admin-console");
        String userId = register("chained-" + UUID.randomUUID().toString().substring(0, 8));
        for (String method : List.of("PUT", "DELETE", "PUT")) {
            assertThat(call(method, "/api/v1/admin/users/" + userId + "/roles/AUDITOR", admin, null).statusCode())
                    .isEqualTo(204);
        }
        List<Long> seqs = jdbc.queryForList("SELECT seq FROM audit_record WHERE subject = ? ORDER BY seq", Long.class,
                "user:" + userId);
        assertThat(trail.verify()).isEmpty();

        String payload = jdbc.queryForObject("SELECT payload FROM audit_record WHERE seq = ?", String.class,
                seqs.get(1));
        jdbc.update("UPDATE audit_record SET payload = ? WHERE seq = ?", payload.replace("AUDITOR", "ADMIN"),
                seqs.get(1));
        assertThat(trail.verify()).containsExactly(seqs.get(1) + ": its content was changed");
        jdbc.update("UPDATE audit_record SET payload = ? WHERE seq = ?", payload, seqs.get(1));

        Map<String, Object> middle = jdbc.queryForMap("SELECT * FROM audit_record WHERE seq = ?", seqs.get(1));
        jdbc.update("DELETE FROM audit_record WHERE seq = ?", seqs.get(1));
        assertThat(trail.verify()).containsExactly(seqs.get(2) + ": sequence " + seqs.get(1) + " is missing",
                seqs.get(2) + ": does not follow the record before it");
        jdbc.update("INSERT INTO audit_record (seq, occurred_at, actor, device_id, correlation_id, type, subject, "
                        + "payload, previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", middle.get("seq"),
                middle.get("occurred_at"), middle.get("actor"), middle.get("device_id"), middle.get("correlation_id"),
                middle.get("type"), middle.get("subject"), middle.get("payload"), middle.get("previous_hash"),
                middle.get("hash"));
        assertThat(trail.verify()).isEmpty();
    }

    private String register(String name) throws Exception {
        HttpResponse<String> created = post("/api/v1/auth/register",
                "{\"username\":\"" + name + "\",\"password\":\"an auditor's password\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body()).get("userId").asString();
    }

    private String login(String name, String password, String deviceId) throws Exception {
        HttpResponse<String> response = post("/api/v1/auth/login", "{\"username\":\"" + name
                + "\",\"password\":\"" + password + "\",\"deviceId\":\"" + deviceId + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body()).get("accessToken").asString();
    }

    private static List<String> roles(String token) throws Exception {
        return SignedJWT.parse(token).getJWTClaimsSet().getStringListClaim("roles");
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> call(String method, String path, String token, String requestId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (requestId != null) {
            request.header("X-Request-Id", requestId);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(json.readTree(response.body()).get("code").asString()).isEqualTo(code);
    }
}
