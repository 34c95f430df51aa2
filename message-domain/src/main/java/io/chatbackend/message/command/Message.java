package io.chatbackend.message.command;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One message and its send transaction (the coordinator's durable log): begun, then sent or abandoned as the
 * participant decided (ADR 0018). Attempts of earlier versions also recorded a decision of their own; a decision is
 * final (a later, different one gets the first back), and a message is never sent after a CANCEL decision or after
 * it was abandoned.
 */
@Aggregate(cache = "messageCache")
public class Message {

    @AggregateIdentifier
    private String messageId;
    private UUID dialogId;
    private UUID senderId;
    private String text;
    private SendDecision decision;
    private MessageStatus status;

    protected Message() {
    }

    @CommandHandler
    public Message(BeginSendCommand command) {
        apply(new SendBegunEvent(command.messageId(), command.dialogId(), command.senderId(),
                command.clientMessageId(), command.text()));
    }

    @CommandHandler
    public SendDecision handle(DecideSendCommand command) {
        if (decision == null) {
            apply(new SendDecidedEvent(messageId, command.decision()));
            return command.decision();
        }
        return decision;
    }

    @CommandHandler
    public MessageStatus handle(CompleteSendCommand command) {
        if (status == MessageStatus.PENDING && decision != SendDecision.CANCEL) {
            apply(new MessageSentEvent(messageId, dialogId, senderId, command.senderSeq(), command.dialogSeq(), text,
                    command.sentAt()));
        }
        return status;
    }

    @CommandHandler
    public MessageStatus handle(AbandonSendCommand command) {
        if (status == MessageStatus.PENDING) {
            apply(new SendAbandonedEvent(messageId, command.reason()));
        }
        return status;
    }

    @EventSourcingHandler
    void on(SendBegunEvent event) {
        messageId = event.messageId();
        dialogId = event.dialogId();
        senderId = event.senderId();
        text = event.text();
        status = MessageStatus.PENDING;
    }

    @EventSourcingHandler
    void on(SendDecidedEvent event) {
        decision = event.decision();
    }

    @EventSourcingHandler
    void on(MessageSentEvent event) {
        status = MessageStatus.SENT;
    }

    @EventSourcingHandler
    void on(SendAbandonedEvent event) {
        status = MessageStatus.CANCELLED;
    }
}
