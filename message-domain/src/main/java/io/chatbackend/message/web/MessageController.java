package io.chatbackend.message.web;

import io.chatbackend.message.coordinator.SendCoordinator;
import io.chatbackend.message.coordinator.SendResult;
import io.chatbackend.message.integration.DialogMembership;
import io.chatbackend.message.readmodel.MessageReadQueries;
import io.chatbackend.platform.web.ApiException;
import io.chatbackend.message.MessageProblem;
import io.chatbackend.platform.web.CommonProblem;
import io.chatbackend.platform.web.Caller;
import jakarta.validation.Valid;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Sending a message (answers per docs/architecture.md §3's retry table) and reading one. */
@RestController
class MessageController {

    private final SendCoordinator coordinator;
    private final DialogMembership membership;
    private final MessageReadQueries reads;
    private final int maxTextLength;

    MessageController(SendCoordinator coordinator, DialogMembership membership, MessageReadQueries reads,
                      @Value("${chat.message.max-text-length:4000}") int maxTextLength) {
        this.coordinator = coordinator;
        this.membership = membership;
        this.reads = reads;
        this.maxTextLength = maxTextLength;
    }

    @PostMapping("/api/v1/dialogs/{dialogId}/messages")
    ResponseEntity<Map<String, Object>> send(@PathVariable String dialogId,
                                             @Valid @RequestBody SendMessageRequest request,
                                             @AuthenticationPrincipal Jwt jwt) {
        UUID dialog = dialogIdOf(dialogId);
        String text = request.body().text();
        if (text.isBlank() || text.length() > maxTextLength) {
            throw new ApiException(CommonProblem.VALIDATION_FAILED,
                    "The text must have 1 to " + maxTextLength + " characters.");
        }
        UUID sender = Caller.of(jwt).userId();
        if (!membership.mayBeMember(dialog, sender, jwt.getTokenValue())) {
            throw new ApiException(MessageProblem.DIALOG_NOT_FOUND, "No such dialog.");
        }
        SendResult result = coordinator.send(sender, dialog, request.clientMessageId(), text);
        if (result instanceof SendResult.Sent sent) {
            return ResponseEntity.status(HttpStatus.CREATED).body(body(sent));
        }
        if (result instanceof SendResult.Pending pending) {
            return ResponseEntity.status(HttpStatus.ACCEPTED).header(HttpHeaders.RETRY_AFTER, "1")
                    .body(Map.of("messageId", Long.toString(pending.messageId()), "status", "PENDING"));
        }
        throw refusal(((SendResult.Refused) result).reason());
    }

    /**
     * A message for a member whose history covers it: a member added to a group later gets the same 404 for an
     * earlier message as a stranger does, because their {@code joinedAtSeq} rules what they may see.
     */
    @GetMapping("/api/v1/messages/{messageId}")
    Map<String, Object> get(@PathVariable String messageId, @AuthenticationPrincipal Jwt jwt) {
        long id;
        try {
            id = Long.parseLong(messageId);
        } catch (NumberFormatException e) {
            throw notFound();
        }
        Map<String, Object> message = reads.find(id).orElseThrow(MessageController::notFound);
        boolean visible = membership.historyStart((UUID) message.get("dialogId"), Caller.of(jwt).userId(),
                        jwt.getTokenValue())
                .filter(start -> start.covers((Long) message.get("dialogSeq")))
                .isPresent();
        if (!visible) {
            throw notFound();
        }
        return message;
    }

    private static Map<String, Object> body(SendResult.Sent sent) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messageId", Long.toString(sent.messageId()));
        body.put("dialogId", sent.dialogId());
        body.put("senderId", sent.senderId());
        body.put("senderSeq", sent.senderSeq());
        body.put("dialogSeq", sent.dialogSeq());
        body.put("sentAt", sent.sentAt());
        body.put("status", "SENT");
        return body;
    }

    private static ApiException refusal(SendResult.Reason reason) {
        HttpHeaders retry = new HttpHeaders();
        retry.set(HttpHeaders.RETRY_AFTER, "1");
        return switch (reason) {
            case IDEMPOTENCY_KEY_REUSED -> new ApiException(MessageProblem.IDEMPOTENCY_KEY_REUSED,
                    "This clientMessageId was used for another dialog or body.");
            case LANE_BUSY -> new ApiException(MessageProblem.LANE_BUSY,
                    "Your previous message to this dialog is still being sent; retry shortly.", retry, Map.of());
            case DIALOG_NOT_FOUND -> new ApiException(MessageProblem.DIALOG_NOT_FOUND, "No such dialog.");
            case DIALOG_UNAVAILABLE -> new ApiException(MessageProblem.DIALOG_UNAVAILABLE,
                    "The message was not sent; retrying with the same clientMessageId starts a new attempt.", retry,
                    Map.of());
            case ID_UNAVAILABLE -> new ApiException(CommonProblem.SERVICE_UNAVAILABLE,
                    "The message was not sent; retry shortly.", retry, Map.of());
        };
    }

    private static UUID dialogIdOf(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new ApiException(MessageProblem.DIALOG_NOT_FOUND, "No such dialog.");
        }
    }

    private static ApiException notFound() {
        return new ApiException(MessageProblem.MESSAGE_NOT_FOUND, "No such message.");
    }
}
