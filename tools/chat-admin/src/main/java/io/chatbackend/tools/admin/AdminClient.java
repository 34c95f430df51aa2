package io.chatbackend.tools.admin;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.function.LongConsumer;

/**
 * The service admin API through the gateway: login, start a rebuild, a rebuild's status. Problem details
 * ({@code {"title", "detail", "code"}}) become the exception's message.
 */
final class AdminClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI gateway;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Whether the status path is the model-scoped one (some services mount it under the model). */

    AdminClient(URI gateway) {
        String base = gateway.toString();
        this.gateway = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    }

    /** {@code POST /api/v1/auth/login {"username","password","deviceId"}} → the access token. */
    String login(String username, String password, String deviceId) throws AdminException {
        ObjectNode body = JSON.createObjectNode().put("username", username).put("password", password)
                .put("deviceId", deviceId);
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/v1/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())), "log in");
        if (response.statusCode() != 200) {
            throw failure("login as " + username + " failed", response);
        }
        String token = json(response).path("accessToken").asString("");
        if (token.isEmpty()) {
            throw new AdminException("login answered no accessToken", response.statusCode(), false);
        }
        return token;
    }

    /** {@code POST /api/v1/admin/read-models/{model}/rebuild} → 202 with the job's first status. */
    JobStatus startRebuild(String model, String token) throws AdminException {
        return startRebuild(model, false, token);
    }

    /**
     * {@code POST /api/v1/admin/read-models/{model}/rebuild}, or {@code .../compare} for a comparison only (the
     * rebuilt copy is compared and dropped) → 202 with the job's first status.
     */
    JobStatus startRebuild(String model, boolean compareOnly, String token) throws AdminException {
        HttpResponse<String> response = send(authorized(uri("/api/v1/admin/read-models/" + segment(model)
                + (compareOnly ? "/compare" : "/rebuild")), token).POST(HttpRequest.BodyPublishers.noBody()),
                "start the rebuild");
        int status = response.statusCode();
        if (status == 409) {
            throw failure("the rebuild was refused (another rebuild of " + model + " runs)", response);
        }
        if (status == 404) {
            throw failure("no read model " + model + " (or no admin API for it) behind " + gateway, response);
        }
        if (status < 200 || status >= 300) {
            throw failure("the rebuild could not start", response);
        }
        return JobStatus.parse(json(response));
    }

    /**
     * {@code GET /api/v1/admin/read-models/{model}/rebuilds/{jobId}}: under the model, so the gateway routes it to
     * the context that owns the model.
     */
    JobStatus status(String model, String jobId, String token) throws AdminException {
        HttpResponse<String> response = send(authorized(uri("/api/v1/admin/read-models/" + segment(model)
                + "/rebuilds/" + segment(jobId)), token).GET(), "read the rebuild's status");
        int status = response.statusCode();
        if (status == 200) {
            return JobStatus.parse(json(response));
        }
        boolean retryable = status == 429 || status >= 500;
        throw new AdminException(describe("no status for rebuild " + jobId, response), status, retryable);
    }

    /** {@code PUT} (grant) or {@code DELETE} (revoke) {@code /api/v1/admin/users/{userId}/roles/{role}} → 204. */
    void setRole(UUID userId, String role, boolean granted, String token) throws AdminException {
        HttpResponse<String> response = send(authorized(uri("/api/v1/admin/users/" + userId + "/roles/"
                + segment(role)), token).method(granted ? "PUT" : "DELETE", HttpRequest.BodyPublishers.noBody()),
                (granted ? "grant " : "revoke ") + role);
        if (response.statusCode() != 204) {
            throw failure((granted ? "granting " : "revoking ") + role + " was refused", response);
        }
    }

    /**
     * {@code POST /api/v1/audit/{context}/verify}: the report (200), or where to fetch it once done (202: the
     * {@code Location}, answered as {@link Verification#location()}).
     */
    Verification startVerification(String context, String token) throws AdminException {
        HttpResponse<String> response = send(authorized(uri("/api/v1/audit/" + segment(context) + "/verify"), token)
                .POST(HttpRequest.BodyPublishers.noBody()), "start the verification");
        if (response.statusCode() == 200) {
            return new Verification(json(response), null);
        }
        if (response.statusCode() == 202) {
            return new Verification(null, response.headers().firstValue("Location")
                    .orElseThrow(() -> new AdminException("a 202 without a Location", 202, false)));
        }
        throw failure("the verification of " + context + " could not start", response);
    }

    /** The verification at {@code location}: its report once done, else (202) no report yet. */
    Verification verification(String location, String token) throws AdminException {
        HttpResponse<String> response = send(authorized(uri(location), token).GET(), "read the verification");
        if (response.statusCode() == 200) {
            return new Verification(json(response), null);
        }
        if (response.statusCode() == 202) {
            return new Verification(null, location);
        }
        boolean retryable = response.statusCode() == 429 || response.statusCode() >= 500;
        throw new AdminException(describe("no verification at " + location, response), response.statusCode(),
                retryable);
    }

    /** A verification's report, or where to ask for it again. */
    record Verification(JsonNode report, String location) {
    }

    /**
     * {@code GET /api/v1/audit/{context}/events?after=&form=stored} as NDJSON into {@code out}, one item a line in
     * the stored form an export is checked offline with; {@code progress} hears each line. Answers the number of
     * items.
     */
    long export(String context, long after, OutputStream out, LongConsumer progress, String token)
            throws AdminException {
        HttpRequest request = HttpRequest.newBuilder(uri("/api/v1/audit/" + segment(context) + "/events?after="
                        + after + "&form=stored")).header("Authorization", "Bearer " + token)
                .header("Accept", "application/x-ndjson")
                .GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    throw new AdminException("the export of " + context + " was refused: HTTP " + response.statusCode()
                            + " " + abbreviate(body), response.statusCode(), false);
                }
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                long count = 0;
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    out.write(line.getBytes(StandardCharsets.UTF_8));
                    out.write('\n');
                    progress.accept(++count);
                }
                return count;
            }
        } catch (IOException e) {
            throw new AdminException("the export of " + context + " broke off: " + e, 0, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminException("interrupted", 0, false);
        }
    }

    private HttpRequest.Builder authorized(URI uri, String token) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String what) throws AdminException {
        try {
            return http.send(request.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AdminException("could not " + what + " at " + gateway + ": " + e, 0, true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdminException("interrupted", 0, false);
        }
    }

    private static JsonNode json(HttpResponse<String> response) throws AdminException {
        try {
            return JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new AdminException("the answer is not JSON: " + abbreviate(response.body()), response.statusCode(),
                    false);
        }
    }

    private static AdminException failure(String what, HttpResponse<String> response) {
        int status = response.statusCode();
        return new AdminException(describe(what, response), status, false);
    }

    /** {@code what: HTTP 409 REBUILD_RUNNING A rebuild of this read model is already running.} */
    private static String describe(String what, HttpResponse<String> response) {
        StringBuilder message = new StringBuilder(what).append(": HTTP ").append(response.statusCode());
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            message.append(" (an ADMIN access token is needed)");
        }
        try {
            JsonNode problem = JSON.readTree(response.body());
            if (problem.path("code").isString()) {
                message.append(' ').append(problem.path("code").asString());
            }
            String detail = problem.path("detail").asString(problem.path("title").asString(""));
            if (!detail.isEmpty()) {
                message.append(' ').append(detail);
            }
        } catch (JacksonException | IllegalArgumentException e) {
            String body = abbreviate(response.body());
            if (!body.isBlank()) {
                message.append(' ').append(body);
            }
        }
        return message.toString();
    }

    private URI uri(String path) {
        return URI.create(gateway + path);
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
