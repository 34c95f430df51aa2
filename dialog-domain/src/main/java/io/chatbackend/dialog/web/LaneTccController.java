package io.chatbackend.dialog.web;

import io.chatbackend.dialog.contract.LaneCancelResponse;
import io.chatbackend.dialog.contract.LaneConfirmResponse;
import io.chatbackend.dialog.contract.LaneTryAndConfirmBatchRequest;
import io.chatbackend.dialog.contract.LaneTryAndConfirmBatchResponse;
import io.chatbackend.dialog.contract.LaneTryAndConfirmRequest;
import io.chatbackend.dialog.contract.LaneTryRequest;
import io.chatbackend.dialog.contract.LaneTryResponse;
import io.chatbackend.dialog.tcc.LaneConfirmation;
import io.chatbackend.dialog.tcc.LaneParticipant;
import io.chatbackend.dialog.tcc.LaneSubject;
import io.chatbackend.platform.tcc.ConfirmOutcome;
import io.chatbackend.platform.tcc.TryAndConfirmAttempt;
import io.chatbackend.platform.web.ApiException;
import io.chatbackend.platform.web.CommonProblem;
import io.chatbackend.platform.tcc.TryOutcome;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.List;

/** The sender-lane TCC participant over HTTP (internal: service tokens with scope {@code tcc}; never routed). */
@RestController
@RequestMapping("/internal/tcc/lanes")
class LaneTccController {

    private final LaneParticipant participant;

    LaneTccController(LaneParticipant participant) {
        this.participant = participant;
    }

    @PostMapping("/try")
    LaneTryResponse tryReserve(@RequestBody LaneTryRequest request) {
        TryOutcome outcome = participant.tryReserve(request.txId(),
                new LaneSubject(request.dialogId().toString(), request.senderId()),
                Duration.ofMillis(request.expiresInMillis()));
        if (outcome instanceof TryOutcome.Reserved reserved) {
            return new LaneTryResponse(LaneTryResponse.RESERVED, reserved.expiresAt(), null);
        }
        return new LaneTryResponse(LaneTryResponse.REFUSED, null, ((TryOutcome.Refused) outcome).code());
    }

    @PostMapping("/try-confirm")
    LaneConfirmResponse tryAndConfirm(@RequestBody LaneTryAndConfirmRequest request) {
        return answer(participant.tryAndConfirmAll(List.of(new TryAndConfirmAttempt<>(request.txId(),
                new LaneSubject(request.dialogId().toString(), request.senderId()), LaneAttemptAudit.of(request))))
                .get(0));
    }

    @PostMapping("/try-confirm-batch")
    LaneTryAndConfirmBatchResponse tryAndConfirmAll(@RequestBody LaneTryAndConfirmBatchRequest request) {
        if (request.attempts() == null || request.attempts().isEmpty()
                || request.attempts().size() > LaneTryAndConfirmBatchRequest.MAX_ATTEMPTS
                || request.attempts().stream().anyMatch(LaneTccController::malformed)) {
            throw new ApiException(CommonProblem.VALIDATION_FAILED, "A batch holds 1 to "
                    + LaneTryAndConfirmBatchRequest.MAX_ATTEMPTS + " complete attempts.");
        }
        return new LaneTryAndConfirmBatchResponse(participant.tryAndConfirmAll(request.attempts().stream()
                        .map(attempt -> new TryAndConfirmAttempt<>(attempt.txId(),
                                new LaneSubject(attempt.dialogId().toString(), attempt.senderId()),
                                LaneAttemptAudit.of(attempt)))
                        .toList())
                .stream().map(LaneTccController::answer).toList());
    }

    private static boolean malformed(LaneTryAndConfirmRequest attempt) {
        return attempt == null || attempt.txId() == null || attempt.txId().isBlank() || attempt.dialogId() == null
                || attempt.senderId() == null;
    }

    @PostMapping("/{txId}/confirm")
    LaneConfirmResponse confirm(@PathVariable String txId) {
        return answer(participant.confirm(txId));
    }

    private static LaneConfirmResponse answer(ConfirmOutcome<LaneConfirmation> outcome) {
        if (outcome instanceof ConfirmOutcome.Confirmed<LaneConfirmation> confirmed) {
            return new LaneConfirmResponse(LaneConfirmResponse.CONFIRMED, confirmed.result().senderSeq(),
                    confirmed.result().dialogSeq(), null);
        }
        return new LaneConfirmResponse(LaneConfirmResponse.REFUSED, null, null,
                ((ConfirmOutcome.Refused<LaneConfirmation>) outcome).code());
    }

    @PostMapping("/{txId}/cancel")
    LaneCancelResponse cancel(@PathVariable String txId) {
        return new LaneCancelResponse(participant.cancel(txId).name());
    }
}
