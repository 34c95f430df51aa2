package io.chatbackend.message.coordinator;

import io.chatbackend.dialog.contract.LaneCancelResponse;
import io.chatbackend.dialog.contract.LaneConfirmResponse;
import io.chatbackend.dialog.contract.LaneRefusal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * An in-memory sender-lane participant with the protocol's semantics (a fence per transaction, dense sequences per
 * lane and dialog) and the two failures a network adds: a call that never arrives, and an answer that is lost
 * after the participant acted.
 */
final class FakeLaneParticipant implements SendParticipant {

    private record Fence(boolean confirmed, long senderSeq, long dialogSeq) {
    }

    private final Set<String> members = new HashSet<>();
    private final Map<String, Fence> fences = new HashMap<>();
    private final Map<String, Long> laneSeqs = new HashMap<>();
    private final Map<UUID, Long> dialogSeqs = new HashMap<>();
    private int callsThatNeverArrive;
    private int answersLost;
    int calls;

    void member(UUID dialogId, UUID userId) {
        members.add(dialogId + ":" + userId);
    }

    /** The next {@code n} calls fail before reaching the participant. */
    void down(int n) {
        callsThatNeverArrive = n;
    }

    /** The next {@code n} calls take effect, but their answers are lost. */
    void loseAnswers(int n) {
        answersLost = n;
    }

    boolean cancelled(String txId) {
        Fence fence = fences.get(txId);
        return fence != null && !fence.confirmed();
    }

    long appended(UUID dialogId) {
        return dialogSeqs.getOrDefault(dialogId, 0L);
    }

    @Override
    public LaneConfirmResponse tryAndConfirm(String txId, UUID dialogId, UUID senderId) {
        arrive();
        LaneConfirmResponse answer;
        Fence fence = fences.get(txId);
        if (fence != null) {
            answer = fence.confirmed() ? LaneConfirmResponse.confirmed(fence.senderSeq(), fence.dialogSeq())
                    : LaneConfirmResponse.refused(LaneRefusal.ALREADY_CANCELLED);
        } else if (!members.contains(dialogId + ":" + senderId)) {
            answer = LaneConfirmResponse.refused(LaneRefusal.NOT_A_MEMBER);
        } else {
            long senderSeq = laneSeqs.merge(dialogId + ":" + senderId, 1L, Long::sum);
            long dialogSeq = dialogSeqs.merge(dialogId, 1L, Long::sum);
            fences.put(txId, new Fence(true, senderSeq, dialogSeq));
            answer = LaneConfirmResponse.confirmed(senderSeq, dialogSeq);
        }
        return answered(answer);
    }

    @Override
    public LaneConfirmResponse confirm(String txId) {
        arrive();
        Fence fence = fences.get(txId);
        LaneConfirmResponse answer = fence == null ? LaneConfirmResponse.refused(LaneRefusal.UNKNOWN)
                : fence.confirmed() ? LaneConfirmResponse.confirmed(fence.senderSeq(), fence.dialogSeq())
                : LaneConfirmResponse.refused(LaneRefusal.ALREADY_CANCELLED);
        return answered(answer);
    }

    @Override
    public LaneCancelResponse cancel(String txId) {
        arrive();
        Fence fence = fences.computeIfAbsent(txId, id -> new Fence(false, 0, 0)); // empty rollback marker
        return answered(new LaneCancelResponse(fence.confirmed() ? LaneCancelResponse.ALREADY_CONFIRMED
                : LaneCancelResponse.CANCELLED));
    }

    private void arrive() {
        calls++;
        if (callsThatNeverArrive > 0) {
            callsThatNeverArrive--;
            throw new ParticipantUnreachableException("down");
        }
    }

    private <T> T answered(T answer) {
        if (answersLost > 0) {
            answersLost--;
            throw new ParticipantUnreachableException("answer lost");
        }
        return answer;
    }
}
