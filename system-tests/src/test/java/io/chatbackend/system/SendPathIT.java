package io.chatbackend.system;

import io.chatbackend.platform.infra.Ports;
import io.chatbackend.platform.testing.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The send path with the real message-domain (coordinator) and dialog-domain (participant) processes on the real
 * infrastructure: the retry table, concurrent senders with a history checker (G1, G2, G4, G5), two coordinator
 * instances racing on the same keys, and a real crash (JVM halted) of the coordinator at every step of the recovery
 * table, recovered by the other instance, and of the participant while a lane is held.
 */
@Order(1)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SendPathIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static SendStack stack;
    /** Answers other than 201 the senders got and retried, by status, printed by the concurrency test. */
    private static final Map<Integer, Integer> RETRIED_ANSWERS = new java.util.concurrent.ConcurrentHashMap<>();

    private static final String SURVIVOR_RECOVERY_AGE = "PT4S";

    private static ServiceProcess dialogs;
    private static ServiceProcess messages;
    private static ServiceProcess survivor;
    private static JdbcTemplate messageDb;
    private static JdbcTemplate dialogDb;

    private final UUID alice = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();

    @BeforeAll
    static void start() {
        stack = SendStack.onSharedServers(List.of(), List.of());
        dialogs = stack.dialogs;
        messages = stack.messages;
        dialogDb = stack.dialogDb;
        messageDb = stack.messageDb;
    }

    @AfterAll
    static void stop() {
        stopSurvivor();
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void answersFollowTheRetryTable() throws Exception {
        String dialog = group(alice, bob);
        List<JsonNode> sent = new ArrayList<>();
        UUID second = null;
        for (int i = 1; i <= 3; i++) {
            UUID key = UUID.randomUUID();
            second = i == 2 ? key : second;
            HttpResponse<String> response = send(alice, dialog, key, "hello " + i);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            sent.add(JSON.readTree(response.body()));
        }
        assertThat(sent).extracting(node -> node.get("senderSeq").asLong()).containsExactly(1L, 2L, 3L);
        assertThat(sent).extracting(node -> node.get("dialogSeq").asLong()).containsExactly(1L, 2L, 3L);
        assertThat(sent.get(0).get("messageId").isString()).as("64-bit ids are strings in JSON").isTrue();

        HttpResponse<String> retry = send(alice, dialog, second, "hello 2");
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(retry.body())).isEqualTo(sent.get(1));
        assertProblem(send(alice, dialog, second, "something else"), 422, "IDEMPOTENCY_KEY_REUSED");
        assertProblem(send(UUID.randomUUID(), dialog, UUID.randomUUID(), "intruder"), 404, "DIALOG_NOT_FOUND");
        assertProblem(send(alice, UUID.randomUUID().toString(), UUID.randomUUID(), "nowhere"), 404,
                "DIALOG_NOT_FOUND");
        assertProblem(send(alice, dialog, UUID.randomUUID(), ""), 400, "VALIDATION_FAILED");

        String messageId = sent.get(0).get("messageId").asString();
        HttpResponse<String> read = request("GET", messages.baseUrl() + "/api/v1/messages/" + messageId, bob, null);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read.body()).contains("hello 1");
        assertProblem(request("GET", messages.baseUrl() + "/api/v1/messages/" + messageId, UUID.randomUUID(), null),
                404, "MESSAGE_NOT_FOUND");
    }

    @Test
    @Order(2)
    void concurrentSendersGetOneDenseHistoryInTheirOwnOrder() throws Exception {
        List<UUID> senders = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            senders.add(UUID.randomUUID());
        }
        String dialog = group(senders.get(0), senders.subList(1, senders.size()).toArray(UUID[]::new));
        int perSender = 6;
        ExecutorService pool = Executors.newFixedThreadPool(senders.size() * 3);
        List<Future<List<JsonNode>>> results = new ArrayList<>();
        for (UUID sender : senders) {
            List<UUID> keys = new ArrayList<>();
            for (int i = 0; i < perSender; i++) {
                keys.add(UUID.randomUUID());
            }
            // devices A and B send the same four keys (duplicates, 202 PENDING), device C two others at the same
            // time, so the sender's lane is contended and every answer path is exercised
            results.add(pool.submit(() -> sendAll(sender, dialog, keys.subList(0, 4))));
            results.add(pool.submit(() -> sendAll(sender, dialog, keys.subList(0, 4))));
            results.add(pool.submit(() -> sendAll(sender, dialog, keys.subList(4, 6))));
        }
        List<JsonNode> answers = new ArrayList<>();
        for (Future<List<JsonNode>> result : results) {
            answers.addAll(result.get());
        }
        pool.shutdown();
        System.out.println("concurrency test: answers retried by status " + RETRIED_ANSWERS);

        Map<String, JsonNode> byId = new HashMap<>();
        for (JsonNode answer : answers) {
            JsonNode earlier = byId.putIfAbsent(answer.get("messageId").asString(), answer);
            if (earlier != null) {
                assertThat(answer).as("every repetition gets the identical 201").isEqualTo(earlier);
            }
        }
        int total = senders.size() * perSender;
        assertThat(byId).as("one message per key (G4)").hasSize(total);
        List<Long> dialogSeqs = byId.values().stream().map(node -> node.get("dialogSeq").asLong()).sorted().toList();
        List<Long> dense = new ArrayList<>();
        for (long seq = 1; seq <= total; seq++) {
            dense.add(seq);
        }
        assertThat(dialogSeqs).as("dialogSeq dense from 1 (G2)").isEqualTo(dense);
        for (UUID sender : senders) {
            List<JsonNode> mine = byId.values().stream()
                    .filter(node -> node.get("senderId").asString().equals(sender.toString()))
                    .sorted((a, b) -> Long.compare(a.get("senderSeq").asLong(), b.get("senderSeq").asLong()))
                    .toList();
            assertThat(mine).extracting(node -> node.get("senderSeq").asLong())
                    .as("senderSeq dense per sender").containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
            List<Long> theirDialogSeqs = mine.stream().map(node -> node.get("dialogSeq").asLong()).toList();
            assertThat(theirDialogSeqs).as("per-sender order equal in both (G1)").isSorted();
        }
        List<Map<String, Object>> stored = dialogDb.queryForList("SELECT payload FROM dialog_domain.domainevententry "
                + "WHERE aggregateidentifier = ? AND payloadtype LIKE '%MessageAppendedEvent'", dialog);
        assertThat(stored).as("the dialog's events hold exactly the acknowledged messages, no cancelled attempt (G5)")
                .hasSize(total);
        Set<String> storedIds = new HashSet<>();
        for (Map<String, Object> row : stored) {
            JsonNode event = JSON.readTree(new String((byte[]) row.get("payload")));
            storedIds.add(event.get("messageId").asString());
            JsonNode answered = byId.get(event.get("messageId").asString());
            assertThat(answered).isNotNull();
            assertThat(event.get("dialogSeq").asLong()).isEqualTo(answered.get("dialogSeq").asLong());
            assertThat(event.get("senderSeq").asLong()).isEqualTo(answered.get("senderSeq").asLong());
        }
        assertThat(storedIds).isEqualTo(byId.keySet());

        // the read side shows exactly the acknowledged messages, in dialogSeq order, with their sequences
        List<JsonNode> history = stack.history(dialog, senders.get(3), total, Duration.ofSeconds(60));
        assertThat(history).as("every acknowledged message reaches the history (G3)").hasSize(total);
        for (JsonNode item : history) {
            JsonNode answered = byId.get(item.get("messageId").asString());
            assertThat(answered).as("no phantom in the history (G5)").isNotNull();
            assertThat(item.get("senderSeq").asLong()).isEqualTo(answered.get("senderSeq").asLong());
            assertThat(item.get("dialogSeq").asLong()).isEqualTo(answered.get("dialogSeq").asLong());
            assertThat(item.get("senderId").asString()).isEqualTo(answered.get("senderId").asString());
        }
        String someId = history.get(total / 2).get("messageId").asString();
        HttpResponse<String> single = request("GET", messages.baseUrl() + "/api/v1/messages/" + someId,
                senders.get(5), null);
        for (int attempt = 0; single.statusCode() == 404 && attempt < 100; attempt++) {
            Thread.sleep(200);
            single = request("GET", messages.baseUrl() + "/api/v1/messages/" + someId, senders.get(5), null);
        }
        assertThat(single.statusCode()).as(single.body()).isEqualTo(200);
        assertThat(JSON.readTree(single.body()).get("dialogSeq").asLong())
                .isEqualTo(byId.get(someId).get("dialogSeq").asLong());
    }

    @Test
    @Order(3)
    void twoCoordinatorInstancesSendOneMessagePerKey() throws Exception {
        String dialog = group(alice, bob);
        ServiceProcess second = survivor();
        List<UUID> keys = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            keys.add(UUID.randomUUID());
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<List<JsonNode>> viaFirst = pool.submit(() -> sendAll(alice, dialog, keys, messages.baseUrl()));
        Future<List<JsonNode>> viaSecond = pool.submit(() -> sendAll(alice, dialog, keys, second.baseUrl()));
        List<JsonNode> first = viaFirst.get();
        List<JsonNode> other = viaSecond.get();
        pool.shutdown();
        assertThat(other).as("both instances answer each key with the identical message").isEqualTo(first);
        assertThat(appended(dialog)).as("one message per key").isEqualTo(keys.size());
    }

    @Test
    @Order(4)
    void aCrashAfterBeginEndsCancelled() throws Exception {
        String dialog = group(alice, bob);
        UUID key = UUID.randomUUID();
        crashAt("AFTER_BEGIN", dialog, key);
        assertThat(awaitOutcome(key)).isEqualTo("CANCELLED");
        assertThat(appended(dialog)).as("no trace of the cancelled attempt").isZero();
        String txId = messageDb.queryForObject("SELECT message_id::text FROM message_domain.idempotency_key "
                + "WHERE client_message_id = ?", String.class, key);
        assertThat(dialogDb.queryForList("SELECT state FROM dialog_domain.tcc_fence WHERE tx_id = ?",
                String.class, txId)).as("the participant got the Cancel (after Begin: an empty rollback marker)")
                .containsExactly("CANCELLED");
        HttpResponse<String> retry = sendVia(survivor(), alice, dialog, key, "crash test");
        assertThat(retry.statusCode()).as("a retry after CANCELLED is a new attempt").isEqualTo(201);
    }

    /**
     * The participant decided (ADR 0018) and the coordinator halted before recording its answer: recovery learns
     * the outcome from the participant (its Cancel answers ALREADY_CONFIRMED, Confirm repeats the sequences).
     */
    @Test
    @Order(5)
    void aCrashAfterTheParticipantDecidedEndsSentWithTheParticipantsSequences() throws Exception {
        String dialog = group(alice, bob);
        UUID key = UUID.randomUUID();
        crashAt("AFTER_TRY_CONFIRM", dialog, key);
        assertThat(awaitOutcome(key)).isEqualTo("SENT");
        Map<String, Object> row = messageDb.queryForMap("SELECT message_id, sender_seq, dialog_seq FROM "
                + "message_domain.idempotency_key WHERE client_message_id = ?", key);
        String fence = dialogDb.queryForObject("SELECT result FROM dialog_domain.tcc_fence WHERE tx_id = ?",
                String.class, row.get("message_id").toString());
        assertThat(fence).isEqualTo(row.get("sender_seq") + ":" + row.get("dialog_seq"));
        assertThat(appended(dialog)).as("appended once").isEqualTo(1);
        HttpResponse<String> retry = sendVia(survivor(), alice, dialog, key, "crash test");
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(retry.body()).get("messageId").asString())
                .isEqualTo(row.get("message_id").toString());
        // the first coordinator stays down and the survivor up: test 6 restarts the one and stops the other
    }

    /**
     * The coordinator halts inside a group commit of begins (ADR 0020: the first of at least two is written, nothing
     * is committed). No send of that batch was begun, so each one's retry starts a new attempt; a send begun alone
     * before it ends as the recovery table says. Every key ends with exactly one message, in one dense history.
     */
    @Test
    @Order(6)
    void aCrashInsideAGroupCommitOfBeginsLeavesEachSendOfTheBatchToItsRetry() throws Exception {
        String dialog = group(alice, bob);
        List<UUID> keys = freshKeys(12);
        survivor();
        messages.restart(List.of("--chat.message.crash-point=IN_BATCHED_BEGIN"));
        Map<UUID, Integer> firstAnswers = sendConcurrently(alice, dialog, keys);
        Api.await("the coordinator halted inside a group commit", Duration.ofSeconds(30), messages::isAlive,
                alive -> !alive);
        assertThat(firstAnswers.values()).as("the halted batch answered nobody").contains(0);

        List<JsonNode> sent = new ArrayList<>();
        for (UUID key : keys) {
            sent.add(retryUntilSent(survivor().baseUrl(), alice, dialog, key));
        }
        assertThat(appended(dialog)).as("one message per key").isEqualTo(keys.size());
        assertThat(sent).extracting(node -> node.get("dialogSeq").asLong())
                .containsExactlyInAnyOrderElementsOf(java.util.stream.LongStream.rangeClosed(1, keys.size())
                        .boxed().toList());
        stopSurvivor();
        messages.restart(List.of("--chat.message.crash-point=NONE"));
    }

    @Test
    @Order(7)
    void aHeldLaneExpiresAcrossAParticipantRestart() throws Exception {
        String dialog = group(alice, bob);
        String tx = UUID.randomUUID().toString();
        String token = stack.identity.serviceToken("message-domain", "tcc");
        HttpResponse<String> tried = raw("POST", dialogs.baseUrl() + "/internal/tcc/lanes/try", token,
                "{\"txId\":\"" + tx + "\",\"dialogId\":\"" + dialog + "\",\"senderId\":\"" + alice
                        + "\",\"expiresInMillis\":2000}");
        assertThat(JSON.readTree(tried.body()).get("outcome").asString()).isEqualTo("RESERVED");
        dialogs.kill();
        // restarted armed for test 8: a lone send (as below) never reaches the batch's crash point
        dialogs.restart(List.of("--chat.dialog.crash-point=IN_BATCHED_TRY_CONFIRM"));
        Thread.sleep(2500);
        HttpResponse<String> confirm = raw("POST", dialogs.baseUrl() + "/internal/tcc/lanes/" + tx + "/confirm", token,
                "");
        assertThat(JSON.readTree(confirm.body()).get("code").asString()).isEqualTo("TOO_LATE");
        assertThat(send(alice, dialog, UUID.randomUUID(), "lane free again").statusCode()).isEqualTo(201);
    }

    /**
     * The participant halts inside a batched Try-and-Confirm (the first of at least two attempts written, nothing
     * committed): the coordinator's call goes unanswered, so every send of the batch is settled by Cancel once the
     * participant is back, and ends CANCELLED with the participant's marker and no trace in the dialog (G5); sends
     * answered before end SENT. Retries then send each key once.
     */
    @Test
    @Order(8)
    void aParticipantCrashInsideABatchedCommitCancelsEverySendOfTheBatch() throws Exception {
        String dialog = group(alice, bob);
        List<UUID> keys = freshKeys(12);
        sendConcurrently(alice, dialog, keys);
        Api.await("the participant halted inside a batch", Duration.ofSeconds(30), dialogs::isAlive,
                alive -> !alive);
        dialogs.restart(List.of());
        Map<UUID, String> outcomes = new HashMap<>();
        for (UUID key : keys) {
            outcomes.put(key, awaitOutcome(key));
        }
        assertThat(outcomes.values()).as("recovery ended every send").doesNotContain("PENDING")
                .contains("CANCELLED");
        for (UUID key : keys) {
            if (outcomes.get(key).equals("CANCELLED")) {
                String txId = messageDb.queryForObject("SELECT message_id::text FROM message_domain.idempotency_key "
                        + "WHERE client_message_id = ?", String.class, key);
                assertThat(dialogDb.queryForList("SELECT state FROM dialog_domain.tcc_fence WHERE tx_id = ?",
                        String.class, txId)).as("the participant's marker refuses a late copy").containsExactly(
                        "CANCELLED");
            }
        }
        long sentBefore = outcomes.values().stream().filter("SENT"::equals).count();
        assertThat(appended(dialog)).as("only the sent ones left a trace").isEqualTo((int) sentBefore);

        List<JsonNode> sent = new ArrayList<>();
        for (UUID key : keys) {
            sent.add(retryUntilSent(messages.baseUrl(), alice, dialog, key));
        }
        assertThat(appended(dialog)).isEqualTo(keys.size());
        assertThat(sent).extracting(node -> node.get("dialogSeq").asLong())
                .containsExactlyInAnyOrderElementsOf(java.util.stream.LongStream.rangeClosed(1, keys.size())
                        .boxed().toList());
    }

    /**
     * G1–G5 while both domains are killed at random moments ({@link RandomCrashRun}), on this class's stack: 30 s in
     * the test command, seed printed. The long form: {@code ./mvnw -pl system-tests verify
     * -Dit.test='SendPathIT#everyGuaranteeHoldsWhileBothDomainsAreKilledAtRandom' -Dtest=none
     * -Dsurefire.failIfNoSpecifiedTests=false -Dchaos.seconds=1800 [-Dchaos.seed=N]}.
     */
    @Test
    @Order(9)
    void everyGuaranteeHoldsWhileBothDomainsAreKilledAtRandom() throws Exception {
        new RandomCrashRun(stack).run(Long.getLong("chaos.seed", System.nanoTime()),
                Duration.ofSeconds(Integer.getInteger("chaos.seconds", 30)));
    }

    private static List<UUID> freshKeys(int count) {
        List<UUID> keys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            keys.add(UUID.randomUUID());
        }
        return keys;
    }

    /** Sends every key at once from its own thread; each key's status (0: no answer, the server halted). */
    private Map<UUID, Integer> sendConcurrently(UUID sender, String dialog, List<UUID> keys) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(keys.size());
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            Map<UUID, Future<Integer>> answers = new HashMap<>();
            for (UUID key : keys) {
                answers.put(key, pool.submit(() -> {
                    start.await();
                    try {
                        return send(sender, dialog, key, "m-" + key).statusCode();
                    } catch (IllegalStateException halted) {
                        return 0;
                    }
                }));
            }
            start.countDown();
            Map<UUID, Integer> statuses = new HashMap<>();
            for (Map.Entry<UUID, Future<Integer>> answer : answers.entrySet()) {
                statuses.put(answer.getKey(), answer.getValue().get());
            }
            return statuses;
        } finally {
            pool.shutdown();
        }
    }

    /** Repeats a send (same key and body) until it is answered 201, waiting out 202s while recovery works. */
    private JsonNode retryUntilSent(String coordinator, UUID sender, String dialog, UUID key) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpResponse<String> response = request("POST", coordinator + "/api/v1/dialogs/" + dialog + "/messages",
                    sender, "{\"clientMessageId\":\"" + key + "\",\"body\":{\"type\":\"text\",\"text\":\"m-"
                            + key + "\"}}");
            if (response.statusCode() == 201) {
                return JSON.readTree(response.body());
            }
            assertThat(response.statusCode()).as(response.body()).isIn(202, 409, 503);
            assertThat(System.nanoTime()).as("sent within 60 s").isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    /**
     * Restarts the first coordinator set to halt its JVM at {@code point} and sends through it; it halts mid-request
     * and stays down. The survivor, another coordinator instance on the same stores, recovers the attempt (a restart
     * of the first one would too, at start: its recovery is the same code; the survivor saves a restart per case).
     */
    private void crashAt(String point, String dialog, UUID key, String... extra) throws Exception {
        survivor();
        List<String> args = new ArrayList<>(List.of("--chat.message.crash-point=" + point));
        args.addAll(List.of(extra));
        messages.restart(args);
        try {
            send(alice, dialog, key, "crash test");
        } catch (IllegalStateException expected) {
            // the coordinator halted mid-request
            assertThat(expected).hasCauseInstanceOf(IOException.class);
        }
        Api.await("the coordinator halted at " + point, Duration.ofSeconds(30), messages::isAlive, alive -> !alive);
    }

    /**
     * A second coordinator instance, started once: sends through it race the first one's (test 3), and it recovers
     * the attempts of the first one's crashes. It recovers only attempts older than {@link #SURVIVOR_RECOVERY_AGE},
     * so it never takes over an attempt the first one is still working on, and a 1 s lane hold has run out.
     */
    private static ServiceProcess survivor() {
        if (survivor == null) {
            List<String> arguments = new ArrayList<>(messages.arguments());
            arguments.removeIf(argument -> argument.startsWith("--chat.message.recovery-age="));
            arguments.add("--chat.message.recovery-age=" + SURVIVOR_RECOVERY_AGE);
            survivor = ServiceProcess.start("message-domain-2", Path.of(System.getProperty("chat.root", ".."))
                    .resolve("message-domain/target/message-domain-exec.jar"), Ports.freePort(), arguments,
                    messages.environment());
        }
        return survivor;
    }

    private static void stopSurvivor() {
        if (survivor != null) {
            survivor.stop();
            survivor = null;
        }
    }

    private HttpResponse<String> sendVia(ServiceProcess coordinator, UUID sender, String dialog, UUID key,
                                         String text) {
        return request("POST", coordinator.baseUrl() + "/api/v1/dialogs/" + dialog + "/messages", sender,
                "{\"clientMessageId\":\"" + key + "\",\"body\":{\"type\":\"text\",\"text\":\"" + text + "\"}}");
    }

    private String awaitOutcome(UUID key) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            List<String> status = messageDb.queryForList("SELECT status FROM message_domain.idempotency_key WHERE "
                    + "client_message_id = ?", String.class, key);
            if (!status.isEmpty() && !"PENDING".equals(status.get(0))
                    && messageDb.queryForObject("SELECT count(*) FROM message_domain.send_attempt", Integer.class) == 0) {
                return status.get(0);
            }
            Thread.sleep(250);
        }
        return "PENDING";
    }

    private int appended(String dialog) {
        return dialogDb.queryForObject("SELECT count(*) FROM dialog_domain.domainevententry WHERE aggregateidentifier = ? "
                + "AND payloadtype LIKE '%MessageAppendedEvent'", Integer.class, dialog);
    }

    private List<JsonNode> sendAll(UUID sender, String dialog, List<UUID> keys) throws Exception {
        return sendAll(sender, dialog, keys, messages.baseUrl());
    }

    private List<JsonNode> sendAll(UUID sender, String dialog, List<UUID> keys, String coordinator) throws Exception {
        List<JsonNode> answers = new ArrayList<>();
        for (UUID key : keys) {
            while (true) {
                HttpResponse<String> response = request("POST", coordinator + "/api/v1/dialogs/" + dialog
                        + "/messages", sender, "{\"clientMessageId\":\"" + key
                        + "\",\"body\":{\"type\":\"text\",\"text\":\"m-" + key + "\"}}");
                if (response.statusCode() == 201) {
                    answers.add(JSON.readTree(response.body()));
                    break;
                }
                assertThat(response.statusCode()).as(response.body()).isIn(202, 409, 503);
                RETRIED_ANSWERS.merge(response.statusCode(), 1, Integer::sum);
                Thread.sleep(20);
            }
        }
        return Collections.unmodifiableList(answers);
    }

    private String group(UUID admin, UUID... members) {
        return stack.group(admin, members);
    }

    private HttpResponse<String> send(UUID sender, String dialog, UUID key, String text) {
        return stack.send(sender, dialog, key, text);
    }

    private HttpResponse<String> request(String method, String url, UUID user, String body) {
        return stack.request(method, url, user, body);
    }

    private HttpResponse<String> raw(String method, String url, String token, String body) {
        return stack.raw(method, url, token, body);
    }

    private void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(JSON.readTree(response.body()).get("code").asString()).isEqualTo(code);
    }
}
