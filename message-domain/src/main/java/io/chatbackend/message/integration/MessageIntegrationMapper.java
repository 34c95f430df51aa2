package io.chatbackend.message.integration;

import java.util.List;

import io.chatbackend.message.command.MessageSentEvent;
import io.chatbackend.message.contract.MessageSent;
import io.chatbackend.platform.events.OutgoingEvent;
import io.chatbackend.platform.events.axon.DomainEventEnvelopes;
import io.chatbackend.platform.events.axon.IntegrationEventMapper;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.stereotype.Component;

/**
 * What message-domain publishes from its event store: each completed send as {@link MessageSent}, keyed by dialog
 * id. Begun, decided and abandoned sends stay private, so a cancelled attempt never leaves this context (G5).
 */
@Component
class MessageIntegrationMapper implements IntegrationEventMapper {

    private final DomainEventEnvelopes envelopes;

    MessageIntegrationMapper(DomainEventEnvelopes envelopes) {
        this.envelopes = envelopes;
    }

    @Override
    public List<OutgoingEvent> map(EventMessage<?> message) {
        if (!(message.getPayload() instanceof MessageSentEvent sent)) {
            return List.of();
        }
        return List.of(envelopes.outgoing(MessageSent.TOPIC, sent.dialogId().toString(), message, MessageSent.TYPE,
                MessageSent.VERSION, toContract(sent)));
    }

    static MessageSent toContract(MessageSentEvent sent) {
        return new MessageSent(sent.messageId(), sent.dialogId(), sent.senderId(), sent.senderSeq(), sent.dialogSeq(),
                new MessageSent.Body("text", sent.text()), sent.sentAt(), 1);
    }
}
