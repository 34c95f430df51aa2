package io.chatbackend.tools.load.ws.check;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The checker catches each kind of broken delivery it is meant to, and passes a correct one. */
class DeliveryCheckerTest {

    private static final String DIALOG = "d-1";
    private static final String OTHER = "d-2";
    private static final String ALICE = "alice";
    private static final String BOB = "bob";
    private static final String CAROL = "carol";

    private final DeliveryChecker checker = new DeliveryChecker();
    private ClientLedger bob;

    /** Acknowledged in DIALOG (alice, bob): 1 alice/1, 2 bob/1, 3 alice/2; bob's client is connected. */
    @BeforeEach
    void acknowledgeThree() {
        checker.dialogCreated(DIALOG, List.of(ALICE, BOB));
        checker.dialogCreated(OTHER, List.of(ALICE, CAROL));
        checker.acknowledged(DIALOG, 1, "m1", ALICE, 1);
        checker.acknowledged(DIALOG, 2, "m2", BOB, 1);
        checker.acknowledged(DIALOG, 3, "m3", ALICE, 2);
        bob = checker.ledger("bob#1", BOB);
        assertThat(bob.startConnection(0)).isEmpty();
    }

    @Test
    void everythingOnceInOrderPasses() {
        receive(bob, 1, 2, 3);
        Verdict verdict = checker.verdict(List.of(bob), 0);
        assertThat(verdict.passed()).as(verdict.describe().toString()).isTrue();
        assertThat(verdict.messagesExpected()).isEqualTo(3);
        assertThat(verdict.describe().get(0)).startsWith("check PASSED");
    }

    @Test
    void aMissingMessageIsNamed() {
        receive(bob, 1, 3);
        Verdict verdict = checker.verdict(List.of(bob), 0);
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.total(Finding.Kind.MISSING)).isEqualTo(1);
        assertThat(verdict.examples()).singleElement().satisfies(finding ->
                assertThat(finding.description()).contains("bob#1", DIALOG, "dialogSeq 2", "m2"));
        assertThat(verdict.describe().get(0)).startsWith("check FAILED").contains("1 missing");
    }

    @Test
    void aDuplicateFrameIsCaught() {
        receive(bob, 1, 2, 2, 3);
        Verdict verdict = checker.verdict(List.of(bob), 0);
        assertThat(verdict.total(Finding.Kind.DUPLICATE)).isEqualTo(1);
        assertThat(verdict.total(Finding.Kind.MISSING)).isZero();
    }

    @Test
    void aReorderedFrameIsCaught() {
        receive(bob, 1, 3, 2);
        Verdict verdict = checker.verdict(List.of(bob), 0);
        assertThat(verdict.total(Finding.Kind.OUT_OF_ORDER)).isEqualTo(1);
        assertThat(verdict.total(Finding.Kind.MISSING)).isZero(); // it did arrive, late
        assertThat(verdict.examples()).singleElement().satisfies(finding ->
                assertThat(finding.description()).contains("dialogSeq 2", "after dialogSeq 3"));
    }

    @Test
    void aResumeCarriesWhatIsHeldWithoutAHoleAndTheRefetchAfterItIsNoDuplicate() {
        receive(bob, 1, 3); // 2 was lost: the client holds 1 without a hole
        assertThat(bob.startConnection(0)).containsExactly(Map.entry(DIALOG, 1L));
        receive(bob, 2, 3); // the new connection sends everything after 1: 3 again is legitimate
        Verdict verdict = checker.verdict(List.of(bob), 0);
        assertThat(verdict.passed()).as(verdict.describe().toString()).isTrue();
    }

    @Test
    void aFrameAtOrBelowWhatTheResumeSaidIsADuplicate() {
        receive(bob, 1, 2);
        assertThat(bob.startConnection(0)).containsExactly(Map.entry(DIALOG, 2L));
        receive(bob, 2, 3);
        assertThat(checker.verdict(List.of(bob), 0).total(Finding.Kind.DUPLICATE)).isEqualTo(1);
    }

    @Test
    void aFrameThatDiffersFromItsAcknowledgementIsCaught() {
        receive(bob, 1, 2);
        bob.message(DIALOG, 3, "m999", ALICE, 2, 0);
        assertThat(checker.verdict(List.of(bob), 0).total(Finding.Kind.MISMATCH)).isEqualTo(1);
    }

    @Test
    void aFrameNeverAcknowledgedIsCaughtUnlessItsSendWentUnanswered() {
        receive(bob, 1, 2, 3);
        bob.message(DIALOG, 4, "m4", BOB, 2, 0);
        assertThat(checker.verdict(List.of(bob), 0).total(Finding.Kind.NOT_ACKNOWLEDGED)).isEqualTo(1);

        checker.unanswered(DIALOG);
        bob.message(DIALOG, 5, "m5", BOB, 3, 0);
        Verdict verdict = checker.verdict(List.of(bob), 0);
        assertThat(verdict.passed()).isTrue();
        assertThat(verdict.deliveredWithoutAck()).isEqualTo(1);
    }

    @Test
    void aFrameOfAnotherUsersDialogIsCaught() {
        checker.acknowledged(OTHER, 1, "o1", CAROL, 1);
        receive(bob, 1, 2, 3);
        bob.message(OTHER, 1, "o1", CAROL, 1, 0);
        assertThat(checker.verdict(List.of(bob), 0).total(Finding.Kind.FOREIGN_DIALOG)).isEqualTo(1);
    }

    @Test
    void twoAcknowledgementsOfOneDialogSeqAreCaughtButARepeatedAnswerIsNot() {
        checker.acknowledged(DIALOG, 3, "m3", ALICE, 2); // a retry with the same key answers the same 201
        checker.acknowledged(DIALOG, 3, "m3b", BOB, 2);
        receive(bob, 1, 2, 3);
        assertThat(checker.verdict(List.of(bob), 0).total(Finding.Kind.ACKNOWLEDGED_TWICE)).isEqualTo(1);
    }

    @Test
    void findingsBelongToThePhaseThatJudgesThem() {
        receive(bob, 1, 1, 2, 3);
        assertThat(checker.verdict(List.of(bob), 0).passed()).isFalse();
        assertThat(checker.verdict(List.of(bob), 0).passed()).isTrue();
    }

    @Test
    void recoveryIsWhenTheNextConnectionHoldsEverythingAcknowledged() {
        receive(bob, 1);
        bob.expectRecovery();
        receive(bob, 2, 3); // frames of the old connection do not count: the client must connect again
        assertThat(bob.recoveredAtNanos()).isZero();

        ClientLedger carol = checker.ledger("carol#1", CAROL);
        carol.expectRecovery();
        carol.startConnection(42); // nothing acknowledged in her dialog: recovered once connected
        assertThat(carol.recoveredAtNanos()).isEqualTo(42);

        ClientLedger late = checker.ledger("bob#2", BOB);
        late.expectRecovery();
        late.startConnection(10);
        late.message(DIALOG, 1, "m1", ALICE, 1, 11);
        late.message(DIALOG, 2, "m2", BOB, 1, 12);
        assertThat(late.recoveredAtNanos()).isZero();
        assertThat(late.holdsEverything()).isFalse();
        late.message(DIALOG, 3, "m3", ALICE, 2, 13);
        assertThat(late.recoveredAtNanos()).isEqualTo(13);
        assertThat(late.holdsEverything()).isTrue();
    }

    private static void receive(ClientLedger client, long... dialogSeqs) {
        String[] ids = {null, "m1", "m2", "m3"};
        String[] senders = {null, ALICE, BOB, ALICE};
        long[] senderSeqs = {0, 1, 1, 2};
        for (long dialogSeq : dialogSeqs) {
            int i = (int) dialogSeq;
            client.message(DIALOG, dialogSeq, ids[i], senders[i], senderSeqs[i], dialogSeq);
        }
    }
}
