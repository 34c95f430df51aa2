package io.chatbackend.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import io.chatbackend.notification.session.ClientFrameType;
import io.chatbackend.platform.testing.ServiceProcess;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Hostile input to every public JSON route and every WebSocket client frame type, through the real gateway: each
 * answer is a 4xx problem with a stable code (or, where a value may be clamped, any answer but a 5xx), every
 * malformed frame an {@code error} frame on a session that lives on, and afterwards every service is healthy and
 * nothing stored has changed (every table's rows, the event stores' positions, the read models' row counts).
 * Seeded: {@code -Dfuzz.seed=N} replays a run; every failure names its seed and case.
 */
@ResourceLock(ChatSystem.SHARED)
class PublicApiFuzzIT {

    private static final long SEED = Long.getLong("fuzz.seed", 20261206L);
    private static final int CASES_PER_ROUTE = Integer.getInteger("fuzz.cases", 24);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private static ChatSystem system;

    @BeforeAll
    static void start() {
        system = ChatSystem.shared();
    }

    @Test
    void everyPublicRouteIsInTheFuzzersCatalog() {
        Set<String> exposed = ExposedRoutes.of(Path.of(System.getProperty("chat.root", "..")));
        Set<String> catalog = PublicRoutes.ALL.stream().map(PublicRoutes.Route::key)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(exposed).as("the services map routes under /api/ and the gateway forwards them").hasSizeGreaterThan(20);
        assertThat(catalog).as("every route the gateway exposes is fuzzed, and every fuzzed route exists")
                .isEqualTo(exposed);
    }

    @Test
    void hostileInputIsRefusedAndChangesNothing() throws Exception {
        System.out.println("PublicApiFuzzIT seed " + SEED + " (replay with -Dfuzz.seed=" + SEED + ")");
        ChatSystem.Account aliceAccount = system.register();
        ChatSystem.Account bob = system.register();
        ChatSystem.Account stranger = system.register();
        ChatSystem.Login alice = system.login(aliceAccount, "fuzz-phone");
        ChatSystem.Login operator = system.operator();
        String group = system.createGroup(alice, bob);
        String messageId = system.send(alice, group, "first").get("messageId").asString();
        system.send(alice, group, "second");
        system.history(alice, group, 2, Duration.ofSeconds(60));
        Map<String, String> examples = new java.util.HashMap<>(Map.of("dialogId", group, "userId",
                bob.userId().toString(), "strangerId", stranger.userId().toString(), "messageId", messageId,
                "deviceId", "fuzz-phone", "model", "messages", "jobId", UUID.randomUUID().toString(), "role",
                "AUDITOR"));
        examples.putAll(Map.of("context", "message-domain", "aggregateId", messageId, "verificationId",
                UUID.randomUUID().toString()));

        try (DeviceSocket socket = system.connect(alice, Map.of(group, 2L))) {
            socket.sync(Duration.ofSeconds(30));
            StoredState before = StoredState.settled(system, Duration.ofSeconds(90));

            List<String> failures = new ArrayList<>();
            Map<String, Map<Integer, Integer>> answers = new TreeMap<>();
            FuzzCases fuzz = new FuzzCases(SEED);
            for (PublicRoutes.Route route : PublicRoutes.ALL) {
                String token = switch (route.caller()) {
                    case ANONYMOUS -> null;
                    case MEMBER -> alice.accessToken();
                    case ADMIN -> operator.accessToken();
                };
                for (FuzzCases.Case fuzzCase : fuzz.of(route, examples, CASES_PER_ROUTE)) {
                    String verdict = attack(fuzzCase, token, answers.computeIfAbsent(route.key(),
                            key -> new TreeMap<>()));
                    if (verdict != null) {
                        failures.add(route.key() + " [" + fuzzCase.description() + "] " + verdict);
                    }
                }
            }
            failures.addAll(attackFrames(socket, group));
            answers.forEach((route, statuses) -> System.out.println("  " + route + " -> " + statuses));

            assertThat(failures).as("seed %d: hostile requests answered wrongly", SEED).isEmpty();
            for (ServiceProcess service : services()) {
                assertThat(Api.call("GET", service.baseUrl() + "/actuator/health", null, null).statusCode())
                        .as(service + " healthy after the fuzzing").isEqualTo(200);
            }
            StoredState after = StoredState.settled(system, Duration.ofSeconds(60));
            assertThat(after.differencesFrom(before)).as("seed %d: stored state changed by hostile input", SEED)
                    .isEmpty();
        }
    }

    /** Sends one case; answers why its answer is wrong, or null. */
    private static String attack(FuzzCases.Case fuzzCase, String token, Map<Integer, Integer> statuses) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(system.url(fuzzCase.path())))
                .timeout(Duration.ofSeconds(15)).method(fuzzCase.method(), fuzzCase.body() == null
                        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(fuzzCase.body()));
        if (fuzzCase.contentType() != null) {
            request.header("Content-Type", fuzzCase.contentType());
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response;
        try {
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception first) {
            // Once in many CI runs (stop 17's note) the first user-client case after that service's kill -9 got no
            // answer in 30 s, which no reproduction repeated: the case is sent again on a connection of its own,
            // and only a second silence fails; the first is printed so that a pattern would show in the logs.
            System.out.println("  no answer to " + fuzzCase.method() + " " + abbreviate(fuzzCase.path()) + " ["
                    + fuzzCase.description() + "]: " + first + "; sending it again on a new connection");
            HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            try {
                response = fresh.send(request.timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (Exception second) {
                return "no answer, twice: " + first + "; " + second;
            }
        }
        int status = response.statusCode();
        statuses.merge(status, 1, Integer::sum);
        String body = response.body();
        if (status >= 500) {
            return "answered " + status + ": " + body;
        }
        if (fuzzCase.expect() == FuzzCases.Expect.REFUSED && status < 400) {
            return "accepted with " + status + ": " + body;
        }
        if (body.contains("Exception") || body.contains("\tat ") || body.contains("org.") || body.contains("SQL")) {
            return "answer leaks internals: " + body;
        }
        if ((status == 414 || status == 431) && body.isEmpty()) {
            return null; // a request line or header block beyond the HTTP codec's limits: refused before routing
        }
        if (status >= 400) {
            try {
                JsonNode problem = Api.JSON.readTree(body);
                if (!problem.path("code").isString() || problem.path("code").asString().isBlank()) {
                    return status + " without a stable code: " + body;
                }
            } catch (RuntimeException notJson) {
                return status + " that is no problem details: " + body;
            }
        }
        return null;
    }

    /**
     * Every client frame type, malformed in each way its members allow: each must be answered by an error frame
     * (frames that are not an object name no type and are ignored), and the session must answer a ping after all.
     */
    private static List<String> attackFrames(DeviceSocket socket, String group) {
        List<String> failures = new ArrayList<>();
        Map<ClientFrameType, List<String>> malformed = MalformedFrames.of(group);
        assertThat(malformed.keySet()).as("every client frame type is fuzzed")
                .containsExactlyInAnyOrder(ClientFrameType.values());
        List<String> frames = new ArrayList<>();
        malformed.values().forEach(frames::addAll);
        frames.addAll(MalformedFrames.NOT_JSON);
        for (String frame : frames) {
            int errors = socket.frames("error").size();
            socket.send(frame);
            Api.pause(120); // below the per-session frame rate (20/s) with the barrier's ping
            try {
                socket.await("error", errors + 1, Duration.ofSeconds(10));
            } catch (AssertionError e) {
                failures.add("frame " + abbreviate(frame) + ": no error frame");
            }
            if (!socket.isOpen()) {
                failures.add("frame " + abbreviate(frame) + " closed the session: " + socket.closeStatus());
                return failures;
            }
        }
        for (String frame : MalformedFrames.IGNORED) {
            socket.send(frame);
            Api.pause(120);
        }
        socket.sync(Duration.ofSeconds(30));
        List<String> codes = socket.frames("error").stream().map(error -> error.path("code").asString()).toList();
        System.out.println("  WebSocket frames: " + frames.size() + " malformed, error codes "
                + codes.stream().collect(Collectors.groupingBy(code -> code, TreeMap::new, Collectors.counting())));
        return failures;
    }

    private static List<ServiceProcess> services() {
        return Arrays.asList(system.gateway, system.uaa, system.messages, system.dialogs, system.userClient,
                system.notification);
    }

    private static String abbreviate(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }
}
