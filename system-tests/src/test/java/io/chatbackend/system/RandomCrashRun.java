package io.chatbackend.system;

import io.chatbackend.platform.testing.ServiceProcess;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * G1–G5 under repeated crashes: users on two devices each send to a few groups while message-domain and dialog-domain
 * are killed ({@code kill -9}) by turns at random moments and restarted; every client repeats its send with the same
 * key until it is acknowledged, as the retry table tells it to. Then each guarantee is checked against the clients'
 * 201s and the stores ({@link SendRunChecker}). The seed is printed; the same seed replays the same choices (the
 * processes' timing still varies). Run by {@code SendPathIT} on its stack; see there for the long form.
 */
final class RandomCrashRun {

    private static final int USERS = 5;
    private static final int DEVICES = 2;
    private static final int DIALOGS = 3;

    private final SendStack stack;

    RandomCrashRun(SendStack stack) {
        this.stack = stack;
    }

    void run(long seed, Duration length) throws Exception {
        System.out.println("random crash run: seed " + seed + ", " + length.toSeconds() + " s (-Dchaos.seed="
                + seed + " repeats its choices)");
        Random random = new Random(seed);
        List<UUID> users = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            users.add(UUID.randomUUID());
        }
        List<String> dialogs = new ArrayList<>();
        for (int i = 0; i < DIALOGS; i++) {
            dialogs.add(stack.group(users.get(0), users.subList(1, USERS).toArray(UUID[]::new)));
        }

        AtomicBoolean sending = new AtomicBoolean(true);
        long deadline = System.nanoTime() + length.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(USERS * DEVICES + 1);
        List<Future<List<SendRunChecker.Acknowledged>>> devices = new ArrayList<>();
        for (int user = 0; user < USERS; user++) {
            for (int device = 0; device < DEVICES; device++) {
                UUID sender = users.get(user);
                String deviceId = "device-" + device;
                Random choices = new Random(random.nextLong());
                devices.add(pool.submit(() -> sendUntilStopped(sender, deviceId, dialogs, choices, sending)));
            }
        }
        List<String> crashes = Collections.synchronizedList(new ArrayList<>());
        Future<?> chaos = pool.submit(() -> {
            Random timing = new Random(random.nextLong());
            boolean messagesNext = timing.nextBoolean();
            // until the deadline, and at least until each domain was killed once: a restart on a busy box can take
            // most of a short run
            while (System.nanoTime() < deadline || crashes.size() < 2) {
                Api.pause(500 + timing.nextInt(2500));
                // by turns, so that a short run kills both; the moment within each turn is random
                ServiceProcess victim = messagesNext ? stack.messages : stack.dialogs;
                messagesNext = !messagesNext;
                crashes.add(victim == stack.messages ? "message-domain" : "dialog-domain");
                victim.kill();
                victim.restart(List.of());
            }
            return null;
        });
        chaos.get();
        sending.set(false);
        List<SendRunChecker.Acknowledged> acknowledged = new ArrayList<>();
        for (Future<List<SendRunChecker.Acknowledged>> device : devices) {
            acknowledged.addAll(device.get());
        }
        pool.shutdown();
        System.out.println("random crash run: " + acknowledged.size() + " sends acknowledged, kill -9 of " + crashes);
        assertThat(crashes).as("both domains were killed at least once").contains("message-domain", "dialog-domain");

        new SendRunChecker(stack).check(acknowledged, dialogs, users.get(1));
    }

    /** One device: sends to a random dialog, repeats each key until its 201, until told to stop. */
    private List<SendRunChecker.Acknowledged> sendUntilStopped(UUID sender, String deviceId, List<String> dialogs,
                                                              Random choices, AtomicBoolean sending) {
        List<SendRunChecker.Acknowledged> acknowledged = new ArrayList<>();
        String token = stack.identity.userToken(sender, deviceId);
        while (sending.get()) {
            String dialog = dialogs.get(choices.nextInt(dialogs.size()));
            UUID key = UUID.randomUUID();
            String text = "m-" + key;
            JsonNode answer = sendUntilAcknowledged(token, dialog, key, text);
            acknowledged.add(new SendRunChecker.Acknowledged(sender, deviceId, dialog, key, answer));
        }
        return acknowledged;
    }

    private JsonNode sendUntilAcknowledged(String token, String dialog, UUID key, String text) {
        long giveUp = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            HttpResponse<String> response;
            try {
                response = stack.raw("POST", stack.messages.baseUrl() + "/api/v1/dialogs/" + dialog + "/messages",
                        token, "{\"clientMessageId\":\"" + key + "\",\"body\":{\"type\":\"text\",\"text\":\"" + text
                                + "\"}}");
            } catch (IllegalStateException down) {
                response = null; // message-domain is down or died mid-request: the outcome is unknown, repeat
            }
            if (response != null && response.statusCode() == 201) {
                return Api.JSON.readTree(response.body());
            }
            if (response != null) {
                assertThat(response.statusCode()).as("an answer of the retry table: " + response.body())
                        .isIn(202, 409, 503);
            }
            assertThat(System.nanoTime()).as("acknowledged within 120 s").isLessThan(giveUp);
            Api.pause(100);
        }
    }
}
