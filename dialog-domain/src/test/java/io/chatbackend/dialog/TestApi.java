package io.chatbackend.dialog;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls a dialog-domain under test over HTTP with tokens of the stand-in identity provider. */
public final class TestApi {

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final int port;

    public TestApi(int port) {
        this.port = port;
    }

    public HttpResponse<String> call(String method, String path, UUID user, String body) {
        return raw(method, path, DialogDomainIntegrationTest.IDENTITY.userToken(user, "device-1"), body);
    }

    public HttpResponse<String> callAsAdmin(String method, String path, UUID admin, String body) {
        return raw(method, path, DialogDomainIntegrationTest.IDENTITY.userToken(admin, "device-1",
                List.of("USER", "ADMIN")), body);
    }

    /** The answer's JSON, after checking its status. */
    public JsonNode expect(int status, HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return json.readTree(response.body());
    }

    public void expectProblem(int status, String code, HttpResponse<String> response) {
        assertThat(expect(status, response).get("code").asString()).as(response.body()).isEqualTo(code);
    }

    public HttpResponse<String> raw(String method, String path, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path + " failed", e);
        }
    }
}
