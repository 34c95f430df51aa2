package io.chatbackend.notification;

import io.chatbackend.dialog.contract.events.DialogTopics;
import io.chatbackend.message.contract.MessageSent;
import io.chatbackend.platform.events.IntegrationEvent;
import io.chatbackend.platform.events.IntegrationEventCodec;
import io.chatbackend.platform.events.OutgoingEvent;
import io.chatbackend.platform.testing.WsClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Delivery at a scale the test command affords (the full scale is {@code ./bench-ws}'s): a large group's message
 * reaches every live session once and in order, and two reconnect storms — the group's sessions, and users in many
 * small dialogs — recover exactly what each session missed, in order, without duplicates. The storms show the node
 * answering resumes of recent history itself rather than asking dialog-domain once per session.
 */
class DeliveryAtScaleIT extends LiveNodeTestBase {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final int GROUP_SIZE = 500;

    @Test
    void aLargeGroupReachesEveryLiveSessionOnceInOrderAndAStormOfItsSessionsRecoversWhatEachMissed()
            throws Exception {
        UUID dialog = UUID.randomUUID();
        List<UUID> members = new ArrayList<>();
        for (int i = 0; i < GROUP_SIZE; i++) {
            members.add(UUID.randomUUID());
        }
        phase("large group: start");
        join(Map.of(dialog, members));
        Map<UUID, WsClient> sessions = openAll(members, user -> "{}");
        phase("large group: sessions open");
        publish(MessageSent.TOPIC, dialog, sends(dialog, members.get(0), 10));
        assertEverySessionHas(sessions, Map.of(dialog, 0L), Map.of(dialog, 10L));
        phase("large group: 10 messages reached every session");

        sessions.values().forEach(WsClient::close);
        double delivered = nodeDeliveries();
        publish(MessageSent.TOPIC, dialog, sends(dialog, members.get(1), 40));
        // the node consumed them (no session to hand them to): the storm measures recovery, not the fan-out
        await().atMost(PATIENCE).until(() -> nodeDeliveries() - delivered >= 40L * GROUP_SIZE);
        phase("large group: 40 more consumed by the node");
        int historyCalls = DIALOGS.historyCalls();
        double fromNode = catchUpPages("node");

        Map<UUID, WsClient> storm = openAll(members, user -> "{\"" + dialog + "\":10}");
        phase("large group: storm sessions open");
        assertEverySessionHas(storm, Map.of(dialog, 10L), Map.of(dialog, 50L));
        phase("large group: storm recovered");
        assertThat(catchUpPages("node") - fromNode).as("resumes answered from the node's recent messages")
                .isGreaterThanOrEqualTo(GROUP_SIZE);
        assertThat(DIALOGS.historyCalls() - historyCalls).as("history asked of dialog-domain").isZero();
        storm.values().forEach(WsClient::close);
    }

    @Test
    void aStormOfUsersInManySmallDialogsRecoversWhatEachSessionMissedInOrder() throws Exception {
        Random random = new Random(14);
        List<UUID> users = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            users.add(UUID.randomUUID());
        }
        Map<UUID, List<UUID>> dialogs = new LinkedHashMap<>();
        for (int d = 0; d < 80; d++) {
            Set<UUID> members = new LinkedHashSet<>();
            int size = 2 + random.nextInt(9);
            while (members.size() < size) {
                members.add(users.get(random.nextInt(users.size())));
            }
            dialogs.put(UUID.randomUUID(), List.copyOf(members));
        }
        join(dialogs);
        Map<UUID, List<UUID>> dialogsOf = new HashMap<>();
        dialogs.forEach((dialog, members) -> members.forEach(user ->
                dialogsOf.computeIfAbsent(user, u -> new ArrayList<>()).add(dialog)));
        List<UUID> connected = List.copyOf(dialogsOf.keySet());

        Map<UUID, Long> last = new HashMap<>();
        phase("small dialogs: start");
        Map<UUID, WsClient> sessions = openAll(connected, user -> "{}");
        phase("small dialogs: sessions open");
        sendSpread(dialogs, random, 60, last);
        assertEverySessionHas(sessions, dialogsOf, Map.of(), Map.copyOf(last));
        phase("small dialogs: 60 messages reached every session");

        Map<UUID, Long> had = Map.copyOf(last);
        sessions.values().forEach(WsClient::close);
        sendSpread(dialogs, random, 100, last);
        Map<UUID, WsClient> storm = openAll(connected, user -> dialogsOf.get(user).stream()
                .map(dialog -> "\"" + dialog + "\":" + had.getOrDefault(dialog, 0L))
                .collect(Collectors.joining(",", "{", "}")));
        phase("small dialogs: storm sessions open");
        assertEverySessionHas(storm, dialogsOf, had, Map.copyOf(last));
        phase("small dialogs: storm recovered");
        storm.values().forEach(WsClient::close);
    }

    // ---- checks ----

    private void assertEverySessionHas(Map<UUID, WsClient> sessions, Map<UUID, Long> had, Map<UUID, Long> last)
            throws InterruptedException {
        Map<UUID, List<UUID>> dialogsOf = new HashMap<>();
        sessions.keySet().forEach(user -> dialogsOf.put(user, List.copyOf(last.keySet())));
        assertEverySessionHas(sessions, dialogsOf, had, last);
    }

    /**
     * Every session got, per dialog of its user, exactly the messages after what it had up to the last one: in
     * dialogSeq order, none twice, none missing (like the system tests' DeliveryChecker, on the stand-in's seqs).
     */
    private static void assertEverySessionHas(Map<UUID, WsClient> sessions, Map<UUID, List<UUID>> dialogsOf,
                                              Map<UUID, Long> had, Map<UUID, Long> last) throws InterruptedException {
        Map<UUID, Integer> expected = new HashMap<>();
        sessions.keySet().forEach(user -> expected.put(user, dialogsOf.get(user).stream()
                .mapToInt(dialog -> (int) (last.getOrDefault(dialog, 0L) - had.getOrDefault(dialog, 0L))).sum()));
        // one wait for all (a wait per session would cost a poll interval each)
        await().atMost(PATIENCE).until(() -> sessions.entrySet().stream().allMatch(session ->
                session.getValue().messages().size() >= expected.get(session.getKey())));
        Thread.sleep(300); // a duplicate already under way would show now
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<UUID, WsClient> session : sessions.entrySet()) {
            Map<String, List<Long>> got = new LinkedHashMap<>();
            for (JsonNode message : session.getValue().messages()) {
                got.computeIfAbsent(message.get("dialogId").asString(), d -> new ArrayList<>())
                        .add(message.get("dialogSeq").asLong());
            }
            for (UUID dialog : dialogsOf.get(session.getKey())) {
                List<Long> want = LongStream.rangeClosed(had.getOrDefault(dialog, 0L) + 1,
                        last.getOrDefault(dialog, 0L)).boxed().toList();
                List<Long> seqs = got.getOrDefault(dialog.toString(), List.of());
                if (!seqs.equals(want)) {
                    wrong.add(session.getKey() + " in " + dialog + ": " + seqs + " instead of " + want);
                }
            }
        }
        assertThat(wrong).as("sessions that missed, repeated or reordered messages").isEmpty();
    }

    // ---- helpers ----

    private static long started = System.nanoTime();

    private static void phase(String what) {
        System.out.printf("DeliveryAtScaleIT %.1f s: %s%n", (System.nanoTime() - started) / 1e9, what);
    }

    /** One session per user, all at once (32 connecting at a time), each resumed with what it has. */
    private Map<UUID, WsClient> openAll(List<UUID> users, java.util.function.Function<UUID, String> has)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            Map<UUID, Future<WsClient>> opening = new LinkedHashMap<>();
            for (UUID user : users) {
                opening.put(user, pool.submit(() -> {
                    WsClient client = ContractEvents.connect(port, IDENTITY, user, "d");
                    client.send("{\"type\":\"resume\",\"dialogs\":" + has.apply(user) + "}");
                    return client;
                }));
            }
            Map<UUID, WsClient> open = new LinkedHashMap<>();
            for (Map.Entry<UUID, Future<WsClient>> entry : opening.entrySet()) {
                open.put(entry.getKey(), entry.getValue().get());
            }
            return open;
        } finally {
            pool.shutdown();
        }
    }

    private void join(Map<UUID, List<UUID>> members) {
        ContractEvents events = new ContractEvents(codec);
        List<OutgoingEvent> joins = new ArrayList<>();
        members.forEach((dialog, users) -> users.forEach(user -> joins.add(new OutgoingEvent(DialogTopics.DIALOGS,
                dialog.toString(), events.memberJoined(dialog, user, DIALOGS.join(dialog, user))))));
        publisher.publishAll(joins);
    }

    private List<IntegrationEvent> sends(UUID dialog, UUID sender, int count) {
        ContractEvents events = new ContractEvents(codec);
        List<IntegrationEvent> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sent.add(events.messageSent(DIALOGS.append(dialog, sender, "m", true)));
        }
        return sent;
    }

    /** {@code count} messages over the dialogs at random, each by one of its members; {@code last} follows them. */
    private void sendSpread(Map<UUID, List<UUID>> dialogs, Random random, int count, Map<UUID, Long> last) {
        List<UUID> ids = List.copyOf(dialogs.keySet());
        ContractEvents events = new ContractEvents(codec);
        List<OutgoingEvent> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            UUID dialog = ids.get(random.nextInt(ids.size()));
            List<UUID> members = dialogs.get(dialog);
            DialogDomainStandIn.Item item = DIALOGS.append(dialog, members.get(random.nextInt(members.size())), "s",
                    true);
            last.put(dialog, item.dialogSeq());
            sent.add(new OutgoingEvent(MessageSent.TOPIC, dialog.toString(), events.messageSent(item)));
        }
        publisher.publishAll(sent);
    }

    private void publish(String topic, UUID key, List<IntegrationEvent> events) {
        publisher.publishAll(events.stream().map(event -> new OutgoingEvent(topic, key.toString(), event)).toList());
    }

    private double nodeDeliveries() {
        return meters.get("notification.node.deliveries").counter().count();
    }

    private double catchUpPages(String source) {
        return meters.get("notification.catch-up.pages").tag("source", source).gauge().value();
    }
}
