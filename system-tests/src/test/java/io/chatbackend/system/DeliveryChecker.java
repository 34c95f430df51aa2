package io.chatbackend.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * The history checker of docs/architecture.md §3 for live delivery: it records every acknowledged send (the 201s, from any
 * number of sender threads) and checks what every device received over its sessions, and what the history
 * answers, against them.
 * <ul>
 *   <li>G1: per sender and dialog, {@code senderSeq} is dense from 1, grows with {@code dialogSeq} and in the
 *   order the sender got its acknowledgements; every frame carries the acknowledged sequences.</li>
 *   <li>G2: {@code dialogSeq} dense from 1 per dialog; every device and the history map each {@code dialogSeq} to
 *   the acknowledged {@code messageId} (so all devices agree), in {@code dialogSeq} order.</li>
 *   <li>G3, G4: every device got every acknowledged message of its dialogs exactly once across its sessions.</li>
 *   <li>G5: nothing that was not acknowledged.</li>
 *   <li>G6: every session's {@code sessionSeq} is dense from 1 (the {@code welcome}), no hole.</li>
 * </ul>
 */
final class DeliveryChecker {

    record Acknowledged(String messageId, String dialogId, UUID senderId, long senderSeq, long dialogSeq) {
    }

    /** dialog → dialogSeq → the acknowledged message. */
    private final Map<String, TreeMap<Long, Acknowledged>> byDialog = new HashMap<>();
    /** (dialog, sender) → acknowledgements in the order the sender got them. */
    private final Map<String, List<Acknowledged>> bySenderLane = new HashMap<>();

    /** Records a 201 of {@code sender} in {@code dialog}; thread-safe. */
    synchronized Acknowledged acknowledged(UUID sender, String dialog, JsonNode answer) {
        Acknowledged ack = new Acknowledged(answer.get("messageId").asString(), dialog, sender,
                answer.get("senderSeq").asLong(), answer.get("dialogSeq").asLong());
        Acknowledged clash = byDialog.computeIfAbsent(dialog, d -> new TreeMap<>()).putIfAbsent(ack.dialogSeq(), ack);
        assertThat(clash).as("two acknowledged messages with dialogSeq %d in %s (G2)", ack.dialogSeq(), dialog)
                .isNull();
        bySenderLane.computeIfAbsent(dialog + "/" + sender, k -> new ArrayList<>()).add(ack);
        return ack;
    }

    synchronized int count(String dialog) {
        return byDialog.getOrDefault(dialog, new TreeMap<>()).size();
    }

    /** The acknowledged message with {@code dialogSeq} in {@code dialog}, or null. */
    synchronized String messageId(String dialog, long dialogSeq) {
        Acknowledged ack = byDialog.getOrDefault(dialog, new TreeMap<>()).get(dialogSeq);
        return ack == null ? null : ack.messageId();
    }

    synchronized int total() {
        return byDialog.values().stream().mapToInt(Map::size).sum();
    }

    /** G1 and G2 on the acknowledgements themselves. */
    synchronized void assertAcknowledgedSequences() {
        byDialog.forEach((dialog, seqs) -> assertThat(List.copyOf(seqs.keySet()))
                .as("dialogSeq of %s dense from 1 (G2)", dialog)
                .isEqualTo(range(1, seqs.size())));
        bySenderLane.forEach((lane, acks) -> {
            List<Long> senderSeqs = acks.stream().map(Acknowledged::senderSeq).toList();
            assertThat(senderSeqs).as("senderSeq of %s dense from 1 in the order acknowledged (G1)", lane)
                    .isEqualTo(range(1, acks.size()));
            List<Long> dialogSeqs = acks.stream().map(Acknowledged::dialogSeq).toList();
            assertThat(dialogSeqs).as("dialogSeq of %s grows with senderSeq (G1)", lane).isSorted();
        });
    }

    /** Whether a device's sessions hold as many message frames of each dialog as were acknowledged there. */
    synchronized boolean hasAll(Collection<String> dialogs, List<DeviceSocket> sessions) {
        for (String dialog : dialogs) {
            long delivered = sessions.stream().flatMap(s -> s.messages().stream())
                    .filter(frame -> dialog.equals(frame.get("dialogId").asString())).count();
            if (delivered < count(dialog)) {
                return false;
            }
        }
        return true;
    }

    /**
     * One device, its sessions in the order they were opened (each later one resumed from what the earlier ones
     * held): G3–G6 and the frames' sequences against the 201s; {@code dialogs} are all the device's dialogs (a
     * message of any other is a leak).
     */
    void assertDevice(String device, Set<String> dialogs, List<DeviceSocket> sessions) {
        assertDeviceFrames(device, dialogs, sessions.stream().map(DeviceSocket::frames).toList());
    }

    /** {@link #assertDevice} on the frames each session received, in arrival order. */
    synchronized void assertDeviceFrames(String device, Set<String> dialogs, List<List<JsonNode>> sessions) {
        Map<String, List<JsonNode>> received = new HashMap<>();
        for (int s = 0; s < sessions.size(); s++) {
            List<JsonNode> frames = sessions.get(s);
            String session = device + " session " + (s + 1);
            assertThat(frames).as("%s: a session starts with welcome", session).isNotEmpty();
            assertThat(frames.get(0).get("type").asString()).isEqualTo("welcome");
            for (int i = 0; i < frames.size(); i++) {
                assertThat(frames.get(i).get("sessionSeq").asLong())
                        .as("%s: sessionSeq dense, no frame lost (G6): %s", session, frames).isEqualTo(i + 1L);
            }
            for (JsonNode message : frames) {
                if (!"message".equals(message.get("type").asString())) {
                    continue;
                }
                String dialog = message.get("dialogId").asString();
                assertThat(dialogs).as("%s: only messages of its dialogs", session).contains(dialog);
                received.computeIfAbsent(dialog, d -> new ArrayList<>()).add(message);
            }
        }
        for (String dialog : dialogs) {
            TreeMap<Long, Acknowledged> acknowledged = byDialog.getOrDefault(dialog, new TreeMap<>());
            List<JsonNode> messages = received.getOrDefault(dialog, List.of());
            assertThat(messages.stream().map(m -> m.get("dialogSeq").asLong()).toList())
                    .as("%s in %s: every acknowledged message once, in dialogSeq order (G2, G3, G4)", device, dialog)
                    .isEqualTo(range(1, acknowledged.size()));
            for (JsonNode message : messages) {
                assertSameAsAcknowledged(device, acknowledged.get(message.get("dialogSeq").asLong()), message);
            }
        }
    }

    /** The history read through the gateway is exactly what was acknowledged (and so what was delivered). */
    synchronized void assertHistory(String dialog, List<JsonNode> items) {
        TreeMap<Long, Acknowledged> acknowledged = byDialog.getOrDefault(dialog, new TreeMap<>());
        assertThat(items.stream().map(item -> item.get("dialogSeq").asLong()).toList())
                .as("history of %s: dense, every acknowledged message", dialog)
                .isEqualTo(range(1, acknowledged.size()));
        for (JsonNode item : items) {
            assertSameAsAcknowledged("history", acknowledged.get(item.get("dialogSeq").asLong()), item);
        }
    }

    /** What a session holds per dialog (last dialogSeq), for the {@code resume} of the device's next session. */
    static Map<String, Long> held(List<DeviceSocket> sessions) {
        Map<String, Long> held = new HashMap<>();
        for (DeviceSocket session : sessions) {
            for (JsonNode message : session.messages()) {
                held.merge(message.get("dialogId").asString(), message.get("dialogSeq").asLong(), Math::max);
            }
        }
        return held;
    }

    private static void assertSameAsAcknowledged(String who, Acknowledged ack, JsonNode message) {
        assertThat(ack).as("%s: %s was acknowledged (G5)", who, message).isNotNull();
        assertThat(message.get("messageId").asString()).as("%s: the dialogSeq → messageId mapping (G2)", who)
                .isEqualTo(ack.messageId());
        assertThat(message.get("senderId").asString()).isEqualTo(ack.senderId().toString());
        assertThat(message.get("senderSeq").asLong()).as("%s: the acknowledged senderSeq (G1)", who)
                .isEqualTo(ack.senderSeq());
    }

    private static List<Long> range(long from, long to) {
        List<Long> range = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            range.add(i);
        }
        return range;
    }
}
