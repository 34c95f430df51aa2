package io.chatbackend.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** HTTP calls, the send retry loop, history paging and polling with a deadline, shared by the system tests. */
final class Api {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Api() {
    }

    /** One request with a JSON body (or none) and a bearer token (or none). */
    static HttpResponse<String> call(String method, String url, String token, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + url + " interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + url + " failed", e);
        }
    }

    /** The body of a response that must have {@code status}. */
    static JsonNode json(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JSON.readTree(response.body());
    }

    /** A problem details answer with its status and stable code. */
    static void assertProblem(HttpResponse<String> response, int status, String code) {
        JsonNode problem = json(response, status);
        assertThat(problem.get("code").asString()).as(response.body()).isEqualTo(code);
    }

    /**
     * Sends with one client message id until acknowledged, as a client that retries must: 202 (pending), 409
     * (lane busy) and 503 (dialog unavailable) are answered by trying again with the same key. Returns the 201 body.
     */
    static JsonNode sendUntilAcknowledged(Function<UUID, HttpResponse<String>> attempt) {
        UUID key = UUID.randomUUID();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            HttpResponse<String> response = attempt.apply(key);
            if (response.statusCode() == 201) {
                return JSON.readTree(response.body());
            }
            assertThat(response.statusCode()).as(response.body()).isIn(202, 409, 503);
            assertThat(System.nanoTime()).as("acknowledged within 120 s: " + response.body()).isLessThan(deadline);
            pause(50);
        }
    }

    /**
     * A dialog's history read page by page ({@code pageAfter.apply(afterSeq)}), once it holds {@code expected}
     * messages without a hole (a later message may become visible before an earlier one), or what it holds when
     * {@code patience} ran out.
     */
    static List<JsonNode> denseHistory(LongFunction<HttpResponse<String>> pageAfter, int expected,
                                       Duration patience) {
        return denseHistoryAfter(pageAfter, 0, expected, patience);
    }

    /** As {@link #denseHistory}, for the messages after {@code afterSeq} (a client resyncing after a gap). */
    static List<JsonNode> denseHistoryAfter(LongFunction<HttpResponse<String>> pageAfter, long afterSeq,
                                            int expected, Duration patience) {
        List<JsonNode> history = new ArrayList<>();
        long deadline = System.nanoTime() + patience.toNanos();
        while (history.size() < expected && System.nanoTime() < deadline) {
            HttpResponse<String> page = pageAfter.apply(afterSeq + history.size());
            if (page.statusCode() == 200) {
                for (JsonNode item : JSON.readTree(page.body()).get("items")) {
                    if (item.get("dialogSeq").asLong() != afterSeq + history.size() + 1) {
                        break;
                    }
                    history.add(item);
                }
            }
            if (history.size() < expected) {
                pause(200);
            }
        }
        return history;
    }

    /**
     * Polls {@code probe} until {@code done} holds and answers that value; fails with {@code what} and the last
     * value seen when {@code patience} runs out. The deadline is generous: it bounds a hang, it is no assertion
     * about speed.
     */
    static <T> T await(String what, Duration patience, Supplier<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + patience.toNanos();
        T value = probe.get();
        while (!done.test(value)) {
            assertThat(System.nanoTime()).as("%s within %s; last seen: %s", what, patience, value)
                    .isLessThan(deadline);
            pause(100);
            value = probe.get();
        }
        return value;
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
