package io.chatbackend.notification.remote;

import org.springframework.web.reactive.function.client.WebClientResponseException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Another service answered an error: its status and the problem's {@code code} (or {@code HTTP_<status>}). */
public final class RemoteProblem extends RuntimeException {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int status;
    private final String code;

    public RemoteProblem(int status, String code) {
        super(status + " " + code);
        this.status = status;
        this.code = code;
    }

    public static RemoteProblem of(WebClientResponseException e) {
        String code = "HTTP_" + e.getStatusCode().value();
        try {
            JsonNode body = JSON.readTree(e.getResponseBodyAsString());
            if (body.path("code").isString()) {
                code = body.get("code").asString();
            }
        } catch (RuntimeException ignored) {
            // not a problem document
        }
        return new RemoteProblem(e.getStatusCode().value(), code);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
