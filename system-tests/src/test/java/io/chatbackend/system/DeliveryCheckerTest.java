package io.chatbackend.system;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The checker the live-delivery system test relies on catches each kind of broken delivery it is meant to. */
class DeliveryCheckerTest {

    private static final String DIALOG = UUID.randomUUID().toString();
    private static final UUID ALICE = UUID.randomUUID();
    private static final UUID BOB = UUID.randomUUID();

    private final DeliveryChecker checker = new DeliveryChecker();

    /** Acknowledged: 1 alice/1, 2 bob/1, 3 alice/2. */
    @BeforeEach
    void acknowledgeThree() {
        checker.acknowledged(ALICE, DIALOG, ack("101", 1, 1));
        checker.acknowledged(BOB, DIALOG, ack("102", 1, 2));
        checker.acknowledged(ALICE, DIALOG, ack("103", 2, 3));
    }

    @Test
    void everythingOnceInOrderOverTwoSessionsPasses() {
        assertThatCode(() -> {
            checker.assertAcknowledgedSequences();
            checker.assertDeviceFrames("d", Set.of(DIALOG), List.of(
                    session(message("101", ALICE, 1, 1), message("102", BOB, 1, 2)),
                    session(message("103", ALICE, 2, 3))));
            checker.assertHistory(DIALOG, List.of(message("101", ALICE, 1, 1), message("102", BOB, 1, 2),
                    message("103", ALICE, 2, 3)));
        }).doesNotThrowAnyException();
    }

    @Test
    void aDuplicateAcrossTheResumeBoundaryFails() {
        assertFails(session(message("101", ALICE, 1, 1), message("102", BOB, 1, 2)),
                session(message("102", BOB, 1, 2), message("103", ALICE, 2, 3)));
    }

    @Test
    void aLostMessageFails() {
        assertFails(session(message("101", ALICE, 1, 1), message("103", ALICE, 2, 3)));
    }

    @Test
    void messagesOutOfDialogSeqOrderFail() {
        assertFails(session(message("101", ALICE, 1, 1), message("103", ALICE, 2, 3), message("102", BOB, 1, 2)));
    }

    @Test
    void aPhantomOrAnotherMappingFails() {
        assertFails(session(message("101", ALICE, 1, 1), message("999", BOB, 1, 2), message("103", ALICE, 2, 3)));
        assertFails(session(message("101", ALICE, 1, 1), message("102", BOB, 2, 2), message("103", ALICE, 2, 3)));
    }

    @Test
    void aSessionSeqHoleFails() {
        List<JsonNode> frames = session(message("101", ALICE, 1, 1), message("102", BOB, 1, 2),
                message("103", ALICE, 2, 3));
        frames.remove(2); // bob's frame dropped: sessionSeq jumps
        assertThatThrownBy(() -> checker.assertDeviceFrames("d", Set.of(DIALOG), List.of(frames)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("G6");
    }

    @Test
    void aMessageOfAnotherDialogFails() {
        List<JsonNode> frames = session(message("101", ALICE, 1, 1), message("102", BOB, 1, 2),
                message("103", ALICE, 2, 3));
        assertThatThrownBy(() -> checker.assertDeviceFrames("d", Set.of(UUID.randomUUID().toString()),
                List.of(frames))).isInstanceOf(AssertionError.class);
    }

    @Test
    void aHistoryThatDiffersFails() {
        assertThatThrownBy(() -> checker.assertHistory(DIALOG, List.of(message("101", ALICE, 1, 1),
                message("103", ALICE, 2, 3)))).isInstanceOf(AssertionError.class);
    }

    @Test
    void acknowledgementsWithAHoleOrSenderSeqOutOfOrderFail() {
        checker.acknowledged(BOB, DIALOG, ack("105", 2, 5));
        assertThatThrownBy(checker::assertAcknowledgedSequences).hasMessageContaining("G2");

        DeliveryChecker reordered = new DeliveryChecker();
        reordered.acknowledged(ALICE, DIALOG, ack("201", 2, 1));
        reordered.acknowledged(ALICE, DIALOG, ack("202", 1, 2));
        assertThatThrownBy(reordered::assertAcknowledgedSequences).hasMessageContaining("G1");
        assertThatThrownBy(() -> reordered.acknowledged(BOB, DIALOG, ack("203", 1, 2)))
                .hasMessageContaining("G2");
    }

    @SafeVarargs
    private void assertFails(List<JsonNode>... sessions) {
        assertThatThrownBy(() -> checker.assertDeviceFrames("d", Set.of(DIALOG), List.of(sessions)))
                .isInstanceOf(AssertionError.class);
    }

    private static JsonNode ack(String messageId, long senderSeq, long dialogSeq) {
        return Api.JSON.readTree("{\"messageId\":\"" + messageId + "\",\"senderSeq\":" + senderSeq
                + ",\"dialogSeq\":" + dialogSeq + ",\"status\":\"SENT\"}");
    }

    private static JsonNode message(String messageId, UUID sender, long senderSeq, long dialogSeq) {
        return Api.JSON.readTree("{\"type\":\"message\",\"dialogId\":\"" + DIALOG + "\",\"messageId\":\"" + messageId
                + "\",\"senderId\":\"" + sender + "\",\"senderSeq\":" + senderSeq + ",\"dialogSeq\":" + dialogSeq + "}");
    }

    /** A session's frames: welcome, then the given ones, numbered densely. */
    private static List<JsonNode> session(JsonNode... frames) {
        List<JsonNode> numbered = new ArrayList<>();
        numbered.add(Api.JSON.readTree("{\"type\":\"welcome\",\"sessionSeq\":1}"));
        for (JsonNode frame : frames) {
            numbered.add(Api.JSON.readTree(frame.toString().replaceFirst("\\{",
                    "{\"sessionSeq\":" + (numbered.size() + 1) + ",")));
        }
        return numbered;
    }
}
