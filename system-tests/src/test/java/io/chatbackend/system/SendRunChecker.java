package io.chatbackend.system;

import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks a run of sends against docs/architecture.md's guarantees G1–G5, from the clients' 201s (in each device's order) and
 * what the send path stored and the read side shows.
 */
final class SendRunChecker {

    /** One send a device got acknowledged, with its 201 body. */
    record Acknowledged(UUID sender, String device, String dialog, UUID key, JsonNode answer) {

        String messageId() {
            return answer.get("messageId").asString();
        }

        long senderSeq() {
            return answer.get("senderSeq").asLong();
        }

        long dialogSeq() {
            return answer.get("dialogSeq").asLong();
        }
    }

    private final SendStack stack;

    SendRunChecker(SendStack stack) {
        this.stack = stack;
    }

    void check(List<Acknowledged> acknowledged, List<String> dialogs, UUID viewer) throws Exception {
        Map<String, Acknowledged> byMessage = new HashMap<>();
        for (Acknowledged ack : acknowledged) {
            assertThat(byMessage.putIfAbsent(ack.messageId(), ack)).as("one message per key (G4): %s", ack.messageId())
                    .isNull();
        }
        for (String dialog : dialogs) {
            List<Acknowledged> inDialog = acknowledged.stream().filter(ack -> ack.dialog().equals(dialog)).toList();
            assertThat(inDialog.stream().map(Acknowledged::dialogSeq).sorted().toList())
                    .as("dialogSeq dense from 1 in %s (G2)", dialog)
                    .isEqualTo(LongStream.rangeClosed(1, inDialog.size()).boxed().toList());
            checkSenderOrder(inDialog);
            checkStored(dialog, inDialog);
            checkHistory(dialog, inDialog, viewer);
        }
        Api.await("every attempt finished", Duration.ofSeconds(60), () -> stack.messageDb.queryForObject(
                "SELECT count(*) FROM message_domain.send_attempt", Integer.class), unfinished -> unfinished == 0);
        assertThat(stack.messageDb.queryForObject("SELECT count(*) FROM message_domain.idempotency_key WHERE "
                + "status = 'PENDING'", Integer.class)).as("no key left pending").isZero();
        assertThat(stack.messageDb.queryForObject("SELECT count(*) FROM message_domain.heuristic_outcome",
                Integer.class)).as("no heuristic outcome").isZero();
    }

    /** G1: per sender dense senderSeq in dialogSeq order, and each device's sends in the order it sent them. */
    private static void checkSenderOrder(List<Acknowledged> inDialog) {
        Map<UUID, List<Acknowledged>> bySender = inDialog.stream().collect(Collectors.groupingBy(Acknowledged::sender));
        bySender.forEach((sender, theirs) -> {
            List<Acknowledged> bySeq = theirs.stream().sorted(Comparator.comparingLong(Acknowledged::senderSeq))
                    .toList();
            assertThat(bySeq.stream().map(Acknowledged::senderSeq).toList()).as("senderSeq dense for %s", sender)
                    .isEqualTo(LongStream.rangeClosed(1, theirs.size()).boxed().toList());
            assertThat(bySeq.stream().map(Acknowledged::dialogSeq).toList())
                    .as("senderSeq order = dialogSeq order for %s (G1)", sender).isSorted();
        });
        Map<String, List<Acknowledged>> byDevice = inDialog.stream()
                .collect(Collectors.groupingBy(ack -> ack.sender() + "/" + ack.device()));
        byDevice.forEach((device, sent) -> assertThat(sent.stream().map(Acknowledged::senderSeq).toList())
                .as("%s's messages in the order it sent them (G1)", device).isSorted());
    }

    /** G3, G4, G5 in the participant's store: exactly the acknowledged messages, with their sequences. */
    private void checkStored(String dialog, List<Acknowledged> inDialog) {
        Map<String, Acknowledged> expected = inDialog.stream()
                .collect(Collectors.toMap(Acknowledged::messageId, ack -> ack));
        Set<String> stored = new HashSet<>();
        for (Map<String, Object> row : stack.dialogDb.queryForList("SELECT payload FROM dialog_domain.domainevententry "
                + "WHERE aggregateidentifier = ? AND payloadtype LIKE '%MessageAppendedEvent'", dialog)) {
            JsonNode event = Api.JSON.readTree(new String((byte[]) row.get("payload")));
            String messageId = event.get("messageId").asString();
            assertThat(stored.add(messageId)).as("appended once (G4): %s", messageId).isTrue();
            Acknowledged ack = expected.get(messageId);
            assertThat(ack).as("no phantom appended (G5): %s", messageId).isNotNull();
            assertThat(event.get("dialogSeq").asLong()).isEqualTo(ack.dialogSeq());
            assertThat(event.get("senderSeq").asLong()).isEqualTo(ack.senderSeq());
        }
        assertThat(stored).as("every acknowledged message stored (G3)").isEqualTo(expected.keySet());
    }

    /** G3 and G5 on the read side: the history shows exactly the acknowledged messages, in dialogSeq order. */
    private void checkHistory(String dialog, List<Acknowledged> inDialog, UUID viewer) {
        Map<String, Acknowledged> expected = inDialog.stream()
                .collect(Collectors.toMap(Acknowledged::messageId, ack -> ack));
        List<JsonNode> history = stack.history(dialog, viewer, inDialog.size(), Duration.ofSeconds(90));
        assertThat(history).as("every acknowledged message reaches the history of %s (G3)", dialog)
                .hasSize(inDialog.size());
        List<Long> seqs = new ArrayList<>();
        for (JsonNode item : history) {
            Acknowledged ack = expected.get(item.get("messageId").asString());
            assertThat(ack).as("no phantom in the history (G5)").isNotNull();
            assertThat(item.get("dialogSeq").asLong()).isEqualTo(ack.dialogSeq());
            assertThat(item.get("senderSeq").asLong()).isEqualTo(ack.senderSeq());
            seqs.add(item.get("dialogSeq").asLong());
        }
        assertThat(seqs).isSorted();
    }
}
