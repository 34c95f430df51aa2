package io.chatbackend.message.coordinator;

import io.chatbackend.dialog.contract.LaneCancelResponse;
import io.chatbackend.dialog.contract.LaneConfirmResponse;

import java.util.UUID;

/**
 * The one remote participant of a send: dialog-domain's sender lane (docs/architecture.md §3, ADR 0018). Each call either
 * answers or throws {@link ParticipantUnreachableException}, which means its outcome is unknown.
 */
public interface SendParticipant {

    /** Try and Confirm in one step: the participant decides. */
    LaneConfirmResponse tryAndConfirm(String txId, UUID dialogId, UUID senderId);

    /** Repeats a confirmation's sequences (or confirms a plain Try an earlier version left). */
    LaneConfirmResponse confirm(String txId);

    /** Cancels, or answers that the transaction was already confirmed. */
    LaneCancelResponse cancel(String txId);
}
