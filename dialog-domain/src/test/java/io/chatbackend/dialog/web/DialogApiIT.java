package io.chatbackend.dialog.web;

import io.chatbackend.dialog.DialogDomainIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The dialogs API and the TCC endpoints over HTTP, with tokens from the stand-in identity provider. */
class DialogApiIT extends DialogDomainIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;

    private final HttpClient http = HttpClient.newHttpClient();
    private final UUID alice = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();
    private final UUID carol = UUID.randomUUID();

    @Test
    void aDirectDialogIsUniquePerPairWhoeverCreatesIt() throws Exception {
        HttpResponse<String> first = send("POST", "/api/v1/dialogs", alice, "{\"type\":\"direct\",\"peerUserId\":\""
                + bob + "\"}");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        JsonNode dialog = json.readTree(first.body());
        assertThat(dialog.get("type").asString()).isEqualTo("direct");
        assertThat(dialog.get("members").size()).isEqualTo(2);

        HttpResponse<String> again = send("POST", "/api/v1/dialogs", bob, "{\"type\":\"direct\",\"peerUserId\":\""
                + alice + "\"}");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json.readTree(again.body()).get("dialogId").asString())
                .isEqualTo(dialog.get("dialogId").asString());
    }

    @Test
    void groupsAreManagedByAdminsAndInvisibleToOthers() throws Exception {
        JsonNode group = json.readTree(send("POST", "/api/v1/dialogs", alice, "{\"type\":\"group\",\"title\":\"team\","
                + "\"memberIds\":[\"" + bob + "\"]}").body());
        String id = group.get("dialogId").asString();
        assertThat(group.get("members").toString()).contains("\"role\":\"ADMIN\"").contains(bob.toString());

        assertProblem(send("GET", "/api/v1/dialogs/" + id, carol, null), 404, "DIALOG_NOT_FOUND");
        assertProblem(send("GET", "/api/v1/dialogs/" + UUID.randomUUID(), carol, null), 404, "DIALOG_NOT_FOUND");
        assertProblem(send("GET", "/api/v1/dialogs/not-a-uuid", carol, null), 404, "DIALOG_NOT_FOUND");
        assertProblem(send("POST", "/api/v1/dialogs/" + id + "/members", bob, "{\"userIds\":[\"" + carol + "\"]}"),
                403, "FORBIDDEN");

        HttpResponse<String> added = send("POST", "/api/v1/dialogs/" + id + "/members", alice,
                "{\"userIds\":[\"" + carol + "\"]}");
        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/v1/dialogs/" + id, carol, null).statusCode()).isEqualTo(200);

        assertThat(send("DELETE", "/api/v1/dialogs/" + id + "/members/" + carol, carol, null).statusCode())
                .isEqualTo(204);
        assertProblem(send("GET", "/api/v1/dialogs/" + id, carol, null), 404, "DIALOG_NOT_FOUND");
    }

    @Test
    void badDialogRequestsChangeNothing() throws Exception {
        UUID ghost = UUID.randomUUID();
        IDENTITY.markUnknown(ghost);
        assertProblem(send("POST", "/api/v1/dialogs", alice, "{\"type\":\"direct\",\"peerUserId\":\"" + ghost + "\"}"),
                400, "VALIDATION_FAILED");
        assertProblem(send("POST", "/api/v1/dialogs", alice, "{\"type\":\"direct\",\"peerUserId\":\"" + alice + "\"}"),
                400, "VALIDATION_FAILED");
        assertProblem(send("POST", "/api/v1/dialogs", alice, "{\"type\":\"channel\"}"), 400, "VALIDATION_FAILED");
        assertProblem(send("POST", "/api/v1/dialogs", alice, "{\"type\":\"group\",\"title\":\"big\",\"memberIds\":["
                + "\"" + UUID.randomUUID() + "\",\"" + UUID.randomUUID() + "\",\"" + UUID.randomUUID() + "\",\""
                + UUID.randomUUID() + "\",\"" + UUID.randomUUID() + "\"]}"), 400, "VALIDATION_FAILED");
        assertProblem(send("POST", "/api/v1/dialogs", alice, "{\"type\":\"group\",\"title\":\"x\",\"owner\":1}"), 400,
                "MALFORMED_REQUEST");
    }

    @Test
    void theTccEndpointsAnswerOnlyServicesWithTheTccScope() throws Exception {
        JsonNode group = json.readTree(send("POST", "/api/v1/dialogs", alice, "{\"type\":\"group\",\"title\":\"t\"}")
                .body());
        String body = "{\"txId\":\"" + UUID.randomUUID() + "\",\"dialogId\":\"" + group.get("dialogId").asString()
                + "\",\"senderId\":\"" + alice + "\",\"expiresInMillis\":5000}";
        assertProblem(send("POST", "/internal/tcc/lanes/try", alice, body), 403, "FORBIDDEN");
        assertProblem(raw("POST", "/internal/tcc/lanes/try", IDENTITY.serviceToken("svc", "users.read"), body), 403,
                "FORBIDDEN");
        HttpResponse<String> reserved = raw("POST", "/internal/tcc/lanes/try", IDENTITY.serviceToken("svc", "tcc"),
                body);
        assertThat(reserved.statusCode()).isEqualTo(200);
        assertThat(json.readTree(reserved.body()).get("outcome").asString()).isEqualTo("RESERVED");
        String notMember = body.replace(alice.toString(), carol.toString()).replaceFirst("[0-9a-f-]{36}",
                UUID.randomUUID().toString());
        assertThat(json.readTree(raw("POST", "/internal/tcc/lanes/try", IDENTITY.serviceToken("svc", "tcc"),
                notMember).body()).get("code").asString()).isEqualTo("NOT_A_MEMBER");

        JsonNode other = json.readTree(send("POST", "/api/v1/dialogs", alice,
                "{\"type\":\"group\",\"title\":\"b\"}").body());
        String attempt = "{\"txId\":\"%s\",\"dialogId\":\"" + other.get("dialogId").asString()
                + "\",\"senderId\":\"%s\"}";
        String batch = "{\"attempts\":[" + attempt.formatted(UUID.randomUUID(), alice) + ","
                + attempt.formatted(UUID.randomUUID(), carol) + "]}";
        assertProblem(send("POST", "/internal/tcc/lanes/try-confirm-batch", alice, batch), 403, "FORBIDDEN");
        HttpResponse<String> answered = raw("POST", "/internal/tcc/lanes/try-confirm-batch",
                IDENTITY.serviceToken("svc", "tcc"), batch);
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        var answers = json.readTree(answered.body()).get("answers");
        assertThat(answers.get(0).get("outcome").asString()).isEqualTo("CONFIRMED");
        assertThat(answers.get(1).get("code").asString()).isEqualTo("NOT_A_MEMBER");
        assertProblem(raw("POST", "/internal/tcc/lanes/try-confirm-batch", IDENTITY.serviceToken("svc", "tcc"),
                "{\"attempts\":[]}"), 400, "VALIDATION_FAILED");
        String tooMany = "{\"attempts\":[" + String.join(",", java.util.Collections.nCopies(257,
                attempt.formatted(UUID.randomUUID(), alice))) + "]}";
        assertProblem(raw("POST", "/internal/tcc/lanes/try-confirm-batch", IDENTITY.serviceToken("svc", "tcc"),
                tooMany), 400, "VALIDATION_FAILED");
    }

    @Test
    void aBlockedUserMeetsAStrangersRefusalsAndTheBlockCanBeLifted() throws Exception {
        UUID dave = UUID.randomUUID();
        UUID erin = UUID.randomUUID();
        String direct = json.readTree(send("POST", "/api/v1/dialogs", dave, "{\"type\":\"direct\",\"peerUserId\":\""
                + alice + "\"}").body()).get("dialogId").asString();
        String group = json.readTree(send("POST", "/api/v1/dialogs", bob, "{\"type\":\"group\",\"title\":\"g\"}")
                .body()).get("dialogId").asString();
        UUID ghost = UUID.randomUUID();
        IDENTITY.markUnknown(ghost);
        String stranger = send("POST", "/api/v1/dialogs", bob, "{\"type\":\"direct\",\"peerUserId\":\""
                + ghost + "\"}").body();

        assertThat(send("PUT", "/api/v1/blocks/" + bob, alice, null).statusCode()).isEqualTo(204);
        assertThat(send("PUT", "/api/v1/blocks/" + bob, alice, null).statusCode()).as("idempotent").isEqualTo(204);
        assertThat(send("PUT", "/api/v1/blocks/" + dave, alice, null).statusCode()).isEqualTo(204);
        JsonNode blocks = json.readTree(send("GET", "/api/v1/blocks", alice, null).body()).get("items");
        java.util.List<String> blocked = new java.util.ArrayList<>();
        blocks.forEach(block -> blocked.add(block.get("userId").asString()));
        assertThat(blocked).containsExactlyInAnyOrder(bob.toString(), dave.toString());
        assertThat(json.readTree(send("GET", "/api/v1/blocks", bob, null).body()).get("items").isEmpty())
                .as("the blocked user's own list does not show it").isTrue();
        assertProblem(send("PUT", "/api/v1/blocks/" + alice, alice, null), 400, "VALIDATION_FAILED");
        assertProblem(send("PUT", "/api/v1/blocks/" + ghost, alice, null), 400, "VALIDATION_FAILED");
        assertProblem(send("DELETE", "/api/v1/blocks/" + erin, alice, null), 404, "NOT_FOUND");

        // Bob, blocked, meets what he meets for a user who does not exist: the same status, code and wording.
        HttpResponse<String> newDirect = send("POST", "/api/v1/dialogs", bob, "{\"type\":\"direct\",\"peerUserId\":\""
                + alice + "\"}");
        assertProblem(newDirect, 400, "VALIDATION_FAILED");
        assertThat(detail(newDirect.body())).isEqualTo(detail(stranger).replace(ghost.toString(), alice.toString()));
        assertProblem(send("POST", "/api/v1/dialogs/" + group + "/members", bob, "{\"userIds\":[\"" + alice + "\"]}"),
                400, "VALIDATION_FAILED");
        assertProblem(send("POST", "/api/v1/dialogs", bob, "{\"type\":\"group\",\"title\":\"h\",\"memberIds\":[\""
                + alice + "\"]}"), 400, "VALIDATION_FAILED");
        // Dave, blocked, can no longer send in his direct dialog with Alice, and is refused as a non-member is;
        // Alice still can, and in a group blocking changes nothing.
        assertThat(tryAndConfirm(direct, dave)).isEqualTo("NOT_A_MEMBER");
        assertThat(tryAndConfirm(direct, alice)).isEqualTo("CONFIRMED");
        assertThat(send("POST", "/api/v1/dialogs/" + group + "/members", bob, "{\"userIds\":[\"" + dave + "\"]}")
                .statusCode()).isEqualTo(200);

        assertThat(send("DELETE", "/api/v1/blocks/" + dave, alice, null).statusCode()).isEqualTo(204);
        assertThat(tryAndConfirm(direct, dave)).isEqualTo("CONFIRMED");
        assertThat(send("POST", "/api/v1/dialogs/" + group + "/members", bob, "{\"userIds\":[\"" + alice + "\"]}")
                .statusCode()).as("Bob is still blocked").isEqualTo(400);
        assertThat(send("DELETE", "/api/v1/blocks/" + bob, alice, null).statusCode()).isEqualTo(204);
        assertThat(send("POST", "/api/v1/dialogs/" + group + "/members", bob, "{\"userIds\":[\"" + alice + "\"]}")
                .statusCode()).isEqualTo(200);
    }

    private String tryAndConfirm(String dialogId, UUID sender) throws Exception {
        HttpResponse<String> answer = raw("POST", "/internal/tcc/lanes/try-confirm-batch",
                IDENTITY.serviceToken("svc", "tcc"), "{\"attempts\":[{\"txId\":\"" + UUID.randomUUID()
                        + "\",\"dialogId\":\"" + dialogId + "\",\"senderId\":\"" + sender + "\"}]}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode only = json.readTree(answer.body()).get("answers").get(0);
        String code = only.path("code").asString("");
        return code.isEmpty() ? only.get("outcome").asString() : code;
    }

    private String detail(String problem) {
        return json.readTree(problem).get("detail").asString();
    }

    private void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(json.readTree(response.body()).get("code").asString()).isEqualTo(code);
    }

    private HttpResponse<String> send(String method, String path, UUID user, String body) throws Exception {
        return raw(method, path, IDENTITY.userToken(user, "device-1"), body);
    }

    private HttpResponse<String> raw(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
