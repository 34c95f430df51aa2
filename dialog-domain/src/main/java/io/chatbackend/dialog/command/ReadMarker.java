package io.chatbackend.dialog.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.UUID;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One member's read watermark in one dialog. Its own aggregate (not the dialog's), so thousands of readers of a
 * busy group never contend with its senders or with each other. The watermark never moves backwards: a lower
 * value is a no-op. Sending also moves the sender's watermark; that is carried by the dialog's
 * {@link MessageAppendedEvent}, and readers of both take the maximum.
 */
@Aggregate(snapshotTriggerDefinition = "eventCountSnapshotTrigger")
public class ReadMarker {

    @AggregateIdentifier
    private String markerId;
    private long readSeq;

    protected ReadMarker() {
    }

    public static String idOf(String dialogId, UUID userId) {
        return "read:" + dialogId + ":" + userId;
    }

    /** Answers the watermark after the command (the higher of the old one and {@code upToSeq}). */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(AdvanceReadWatermarkCommand command) {
        if (command.upToSeq() > readSeq) {
            apply(new ReadWatermarkAdvancedEvent(command.markerId(), command.dialogId(), command.userId(),
                    command.upToSeq()));
        }
        return readSeq;
    }

    @EventSourcingHandler
    void on(ReadWatermarkAdvancedEvent event) {
        markerId = event.markerId();
        readSeq = event.readSeq();
    }
}
