package io.chatbackend.message.coordinator;

import io.chatbackend.platform.snowflake.GeneratorLease;
import io.chatbackend.platform.snowflake.SnowflakeGenerator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The coordinator against a fake participant and an in-memory send log: every answer path, no server. */
class SendCoordinatorTest {

    private static final UUID DIALOG = UUID.randomUUID();
    private static final UUID ALICE = UUID.randomUUID();

    private final FakeLaneParticipant participant = new FakeLaneParticipant();
    private final InMemorySendLog sends = new InMemorySendLog();
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final SendSettlement settlement = new SendSettlement(sends, participant, Clock.systemUTC(), metrics);
    private final SendRecovery recovery = new SendRecovery(sends, settlement, Duration.ZERO);
    private final SendCoordinator coordinator = new SendCoordinator(sends, participant, settlement,
            new SnowflakeGenerator(() -> new GeneratorLease(7, Long.MAX_VALUE, 0), System::currentTimeMillis,
                    () -> 0L), CrashPoint.NONE);

    SendCoordinatorTest() {
        participant.member(DIALOG, ALICE);
    }

    @Test
    void aConfirmedSendIsSentWithTheParticipantsSequences_andARetryGetsTheIdenticalAnswer() {
        UUID key = UUID.randomUUID();
        SendResult.Sent first = (SendResult.Sent) coordinator.send(ALICE, DIALOG, key, "hi");
        assertThat(first.senderSeq()).isEqualTo(1);
        assertThat(first.dialogSeq()).isEqualTo(1);
        assertThat(sends.keyReads).as("a new key is claimed without reading it first").isZero();
        int calls = participant.calls;
        assertThat(coordinator.send(ALICE, DIALOG, key, "hi")).isEqualTo(first);
        assertThat(participant.calls).as("a retry of a SENT key asks nobody").isEqualTo(calls);
        SendResult.Sent second = (SendResult.Sent) coordinator.send(ALICE, DIALOG, UUID.randomUUID(), "again");
        assertThat(second.senderSeq()).isEqualTo(2);
    }

    @Test
    void theSameKeyForAnotherBodyOrDialogIsRefused() {
        UUID key = UUID.randomUUID();
        coordinator.send(ALICE, DIALOG, key, "hi");
        assertThat(coordinator.send(ALICE, DIALOG, key, "other")).isEqualTo(
                new SendResult.Refused(SendResult.Reason.IDEMPOTENCY_KEY_REUSED));
        assertThat(coordinator.send(ALICE, UUID.randomUUID(), key, "hi")).isEqualTo(
                new SendResult.Refused(SendResult.Reason.IDEMPOTENCY_KEY_REUSED));
    }

    @Test
    void aNonMemberIsRefused_andTheCancelledKeyStartsANewAttemptLater() {
        UUID bob = UUID.randomUUID();
        UUID key = UUID.randomUUID();
        assertThat(coordinator.send(bob, DIALOG, key, "hi"))
                .isEqualTo(new SendResult.Refused(SendResult.Reason.DIALOG_NOT_FOUND));
        participant.member(DIALOG, bob);
        assertThat(coordinator.send(bob, DIALOG, key, "hi")).isInstanceOf(SendResult.Sent.class);
    }

    @Test
    void aLostAnswerOfAConfirmedSendIsLearnedFromTheParticipantAtOnce() {
        participant.loseAnswers(1);
        SendResult result = coordinator.send(ALICE, DIALOG, UUID.randomUUID(), "hi");
        assertThat(result).isInstanceOf(SendResult.Sent.class);
        assertThat(((SendResult.Sent) result).dialogSeq()).isEqualTo(1);
        assertThat(participant.appended(DIALOG)).as("appended once").isEqualTo(1);
    }

    @Test
    void aCallThatNeverArrivedIsCancelled_andALateCopyOfItWouldBeRefused() {
        participant.down(1);
        UUID key = UUID.randomUUID();
        SendResult result = coordinator.send(ALICE, DIALOG, key, "hi");
        assertThat(result).isEqualTo(new SendResult.Refused(SendResult.Reason.DIALOG_UNAVAILABLE));
        String txId = Long.toString(sends.key(ALICE, key).orElseThrow().messageId());
        assertThat(sends.status(txId)).isEqualTo("CANCELLED");
        assertThat(participant.cancelled(txId)).as("the participant keeps the empty-rollback marker").isTrue();
        assertThat(participant.tryAndConfirm(txId, DIALOG, ALICE).confirmedWithSequences()).isFalse();
        assertThat(coordinator.send(ALICE, DIALOG, key, "hi")).as("the key starts a new attempt")
                .isInstanceOf(SendResult.Sent.class);
    }

    @Test
    void aParticipantDownThroughoutLeavesTheSendPendingUntilRecoverySettlesIt() {
        participant.down(2); // Try-and-Confirm and the settling Cancel
        UUID key = UUID.randomUUID();
        SendResult result = coordinator.send(ALICE, DIALOG, key, "hi");
        assertThat(result).isInstanceOf(SendResult.Pending.class);
        assertThat(coordinator.send(ALICE, DIALOG, key, "hi")).as("a retry meanwhile").isEqualTo(result);
        assertThat(recovery.recover()).isEqualTo(1);
        assertThat(sends.status(Long.toString(((SendResult.Pending) result).messageId()))).isEqualTo("CANCELLED");
        assertThat(coordinator.send(ALICE, DIALOG, key, "hi")).isInstanceOf(SendResult.Sent.class);
    }

    @Test
    void recoveryRecordsASendTheParticipantConfirmedWhileItsAnswersWereLost() {
        participant.loseAnswers(3); // Try-and-Confirm, the settling Cancel and its Confirm
        UUID key = UUID.randomUUID();
        SendResult result = coordinator.send(ALICE, DIALOG, key, "hi");
        assertThat(result).isInstanceOf(SendResult.Pending.class);
        recovery.recover();
        assertThat(recovery.recover()).as("settled on the second round").isEqualTo(1);
        SendResult.Sent sent = (SendResult.Sent) coordinator.send(ALICE, DIALOG, key, "hi");
        assertThat(sent.messageId()).isEqualTo(((SendResult.Pending) result).messageId());
        assertThat(sent.dialogSeq()).isEqualTo(1);
    }

    @Test
    void recoveryFinishesAttemptsAnEarlierVersionDecided_andKeepsAContradictionAsAHeuristic() {
        SendRecords.Start confirmed = start("1001");
        sends.decided(confirmed, "CONFIRM");
        participant.tryAndConfirm("1001", DIALOG, ALICE);
        SendRecords.Start cancelled = start("1002");
        sends.decided(cancelled, "CANCEL");
        participant.tryAndConfirm("1002", DIALOG, ALICE); // the participant confirmed what the record cancels
        SendRecords.Start plain = start("1003");
        sends.decided(plain, "CANCEL");

        assertThat(recovery.recover()).isEqualTo(3);
        assertThat(sends.status("1001")).isEqualTo("SENT");
        assertThat(sends.heuristics).containsExactly("1002 CANCELLED/ALREADY_CONFIRMED");
        assertThat(metrics.counter("chat.tcc.heuristic.outcomes").count()).isEqualTo(1.0);
        assertThat(sends.status("1003")).isEqualTo("CANCELLED");
        assertThat(sends.unfinished(Duration.ZERO, 10)).isEmpty();
    }

    private static SendRecords.Start start(String messageId) {
        return new SendRecords.Start(messageId, DIALOG, ALICE, UUID.randomUUID(), "legacy", "hash-" + messageId);
    }
}
