package io.chatbackend.message.coordinator;

import io.chatbackend.dialog.contract.LaneConfirmResponse;
import io.chatbackend.platform.snowflake.IdGenerationUnavailableException;
import io.chatbackend.platform.snowflake.SnowflakeGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * The coordinator of a send (docs/architecture.md §3 as ADR 0018 changed it): begin (which claims the dedup key;
 * only a key already taken is read, to answer as that request's retry), one Try-and-Confirm call in which the
 * participant decides, finish. Every local step is its own short transaction; no transaction is open during the
 * remote call. After a crash at any step {@link SendRecovery} drives the attempt to the outcome the participant
 * decided.
 */
@Service
public class SendCoordinator {

    private static final Logger log = LoggerFactory.getLogger(SendCoordinator.class);

    private final SendLog sends;
    private final SendParticipant participant;
    private final SendSettlement settlement;
    private final SnowflakeGenerator ids;
    private final CrashPoint crashPoint;

    SendCoordinator(SendLog sends, SendParticipant participant, SendSettlement settlement, SnowflakeGenerator ids,
                    @Value("${chat.message.crash-point:NONE}") CrashPoint crashPoint) {
        this.sends = sends;
        this.participant = participant;
        this.settlement = settlement;
        this.ids = ids;
        this.crashPoint = crashPoint;
    }

    public SendResult send(UUID senderId, UUID dialogId, UUID clientMessageId, String text) {
        String bodyHash = hash(dialogId + "\n" + text);
        for (int round = 0; round < 3; round++) {
            // a new key is the common case: claim it at once; only a claim that found the key taken reads it
            Optional<SendLog.SendKey> existing = round == 0 ? Optional.empty() : sends.key(senderId, clientMessageId);
            if (existing.isPresent()) {
                SendLog.SendKey key = existing.get();
                if (!key.dialogId().equals(dialogId) || !key.bodyHash().equals(bodyHash)) {
                    return new SendResult.Refused(SendResult.Reason.IDEMPOTENCY_KEY_REUSED);
                }
                if (key.isSent()) {
                    return key.toSent(senderId);
                }
                if (key.isPending()) {
                    return new SendResult.Pending(key.messageId());
                }
            }
            long messageId;
            try {
                messageId = ids.nextId();
            } catch (IdGenerationUnavailableException e) {
                return new SendResult.Refused(SendResult.Reason.ID_UNAVAILABLE);
            }
            String txId = Long.toString(messageId);
            if (!sends.begin(new SendRecords.Start(txId, dialogId, senderId, clientMessageId, text, bodyHash))) {
                continue; // another request with this key got there first: answer as its retry
            }
            CrashPoint.AFTER_BEGIN.reachedIf(crashPoint);
            return drive(txId, dialogId, senderId, clientMessageId);
        }
        return new SendResult.Refused(SendResult.Reason.DIALOG_UNAVAILABLE);
    }

    /**
     * One round trip: the participant tries and confirms in one local step and so decides; this side records what
     * it decided. An unanswered call is settled at once by asking the participant to cancel, which answers with the
     * outcome it holds; if that goes unanswered too, the send stays pending for recovery.
     */
    private SendResult drive(String txId, UUID dialogId, UUID senderId, UUID clientMessageId) {
        LaneConfirmResponse answer;
        try {
            answer = participant.tryAndConfirm(txId, dialogId, senderId);
        } catch (ParticipantUnreachableException e) {
            log.warn("Try-and-Confirm of {} got no answer: settling it with the participant ({})", txId,
                    e.getMessage());
            return settlement.settle(txId) ? answerFor(txId, senderId, clientMessageId, null)
                    : new SendResult.Pending(Long.parseLong(txId));
        }
        CrashPoint.AFTER_TRY_CONFIRM.reachedIf(crashPoint);
        Optional<SendLog.SendKey> recorded = settlement.record(txId, answer);
        if (recorded.isPresent() && recorded.get().isSent()) {
            return recorded.get().toSent(senderId); // the common case: no second read of the key
        }
        return answerFor(txId, senderId, clientMessageId, answer.confirmedWithSequences() ? null : answer);
    }

    private SendResult answerFor(String txId, UUID senderId, UUID clientMessageId, LaneConfirmResponse refusal) {
        Optional<SendLog.SendKey> key = sends.key(senderId, clientMessageId)
                .filter(found -> found.messageId() == Long.parseLong(txId));
        if (key.isPresent() && key.get().isSent()) {
            return key.get().toSent(senderId);
        }
        return new SendResult.Refused(refusal == null ? SendResult.Reason.DIALOG_UNAVAILABLE
                : switch (refusal.refusal()) {
                    case LANE_BUSY -> SendResult.Reason.LANE_BUSY;
                    case NOT_A_MEMBER -> SendResult.Reason.DIALOG_NOT_FOUND;
                    default -> SendResult.Reason.DIALOG_UNAVAILABLE;
                });
    }

    private static String hash(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
