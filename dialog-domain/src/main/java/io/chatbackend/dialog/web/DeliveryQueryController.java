package io.chatbackend.dialog.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.chatbackend.dialog.command.AdvanceReadWatermarkCommand;
import io.chatbackend.dialog.command.ReadMarker;
import io.chatbackend.dialog.query.DialogQueries;
import io.chatbackend.dialog.readmodel.DialogReadQueries;
import io.chatbackend.dialog.readmodel.HistoryPage;
import io.chatbackend.platform.web.ApiException;
import io.chatbackend.dialog.DialogProblem;
import io.chatbackend.platform.web.CommonProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the notification context needs to deliver and resume (client-credentials tokens with scope {@code delivery};
 * never routed by the gateway): a user's dialogs, a dialog's members, and history as a given member sees it.
 * Membership comes from the write side's member table, history from the read model, as for the public API.
 */
@RestController
@RequestMapping("/internal/delivery")
class DeliveryQueryController {

    private final DialogQueries members;
    private final DialogReadQueries reads;
    private final CommandGateway commands;

    DeliveryQueryController(DialogQueries members, DialogReadQueries reads, CommandGateway commands) {
        this.members = members;
        this.reads = reads;
        this.commands = commands;
    }

    /** {@code {"userId", "upToSeq"}}: a member read the dialog up to a dialogSeq (a client's {@code read} frame). */
    record MarkRead(@NotNull UUID userId, @NotNull @PositiveOrZero Long upToSeq) {
    }

    /**
     * The {@code read} frame of a WebSocket client, relayed by notification: the same rules as
     * {@code POST /api/v1/dialogs/{id}/read} (never backwards; beyond the last message 409).
     */
    @PostMapping("/dialogs/{dialogId}/read")
    Map<String, Object> markRead(@PathVariable UUID dialogId, @Valid @RequestBody MarkRead request) {
        members.joinedAtSeq(dialogId, request.userId()).orElseThrow(() -> new ApiException(
                DialogProblem.DIALOG_NOT_FOUND,
                "No such dialog."));
        long lastDialogSeq = members.lastDialogSeq(dialogId);
        if (request.upToSeq() > lastDialogSeq) {
            throw new ApiException(DialogProblem.WATERMARK_OUT_OF_RANGE,
                    "The dialog's last message is " + lastDialogSeq + ".");
        }
        long readSeq = request.upToSeq() == 0 ? 0 : commands.sendAndWait(new AdvanceReadWatermarkCommand(
                ReadMarker.idOf(dialogId.toString(), request.userId()), dialogId.toString(), request.userId(),
                request.upToSeq()));
        return Map.of("dialogId", dialogId, "readSeq", Math.max(readSeq, request.upToSeq()));
    }

    @GetMapping("/users/{userId}/dialogs")
    List<DialogQueries.UserDialog> dialogsOf(@PathVariable UUID userId) {
        return members.dialogsOf(userId);
    }

    @GetMapping("/dialogs/{dialogId}/members")
    List<DialogQueries.Membership> membersOf(@PathVariable UUID dialogId) {
        return members.membersOf(dialogId);
    }

    @GetMapping("/dialogs/{dialogId}/messages")
    HistoryPage history(@PathVariable UUID dialogId, @RequestParam UUID viewer,
                        @RequestParam(defaultValue = "0") long afterSeq,
                        @RequestParam(defaultValue = "" + DialogReadController.DEFAULT_PAGE) int limit) {
        if (afterSeq < 0 || limit < 1 || limit > DialogReadController.MAX_PAGE) {
            throw new ApiException(CommonProblem.VALIDATION_FAILED,
                    "'afterSeq' must be at least 0 and 'limit' between 1 and " + DialogReadController.MAX_PAGE + ".");
        }
        long joinedAtSeq = members.joinedAtSeq(dialogId, viewer).orElseThrow(() -> new ApiException(
                DialogProblem.DIALOG_NOT_FOUND,
                "No such dialog."));
        return reads.history(dialogId, joinedAtSeq, null, afterSeq, limit);
    }
}
