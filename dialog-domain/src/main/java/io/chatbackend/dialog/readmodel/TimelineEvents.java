package io.chatbackend.dialog.readmodel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import io.chatbackend.message.contract.MessageSent;
import io.chatbackend.platform.events.IntegrationEventCodec;
import io.chatbackend.platform.events.consumer.IntegrationEventHandler;
import io.chatbackend.platform.events.IntegrationEvent;
import io.chatbackend.platform.events.consumer.ReceivedEvent;

/**
 * Feeds message-domain's integration events to the {@link TimelineProjection}: the live consumer and a rebuild's
 * replay use the same handler, only the tables differ. Other event types on the topic are ignored (a newer
 * producer may publish types this consumer does not know yet).
 */
public class TimelineEvents implements IntegrationEventHandler {

    private final TimelineProjection projection;
    private final IntegrationEventCodec codec;
    private final Function<String, List<String>> tables;

    public TimelineEvents(TimelineProjection projection, IntegrationEventCodec codec,
                          Function<String, List<String>> tables) {
        this.projection = projection;
        this.codec = codec;
        this.tables = tables;
    }

    /** The message a {@code MessageSent} event carries, or null for any other event. */
    public MessageSent decode(IntegrationEvent event) {
        return MessageSent.TYPE.equals(event.type()) ? codec.payload(event, MessageSent.class) : null;
    }

    @Override
    public void handle(String key, IntegrationEvent event) {
        MessageSent message = decode(event);
        if (message != null) {
            projection.apply(message, tables);
        }
    }

    @Override
    public void handleBatch(List<ReceivedEvent> events) {
        List<MessageSent> messages = new ArrayList<>(events.size());
        for (ReceivedEvent received : events) {
            MessageSent message = decode(received.event());
            if (message != null) {
                messages.add(message);
            }
        }
        projection.applyAll(messages, tables);
    }
}
