package io.chatbackend.dialog.integration;

import java.util.List;

import io.chatbackend.dialog.contract.events.DialogTopics;
import io.chatbackend.platform.events.OutgoingEvent;
import io.chatbackend.platform.events.axon.DomainEventEnvelopes;
import io.chatbackend.platform.events.axon.IntegrationEventMapper;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.stereotype.Component;

/** What dialog-domain publishes from its event store: dialog-scoped events on one topic, keyed by dialog id. */
@Component
class DialogIntegrationMapper implements IntegrationEventMapper {

    private final DomainEventEnvelopes envelopes;

    DialogIntegrationMapper(DomainEventEnvelopes envelopes) {
        this.envelopes = envelopes;
    }

    @Override
    public List<OutgoingEvent> map(EventMessage<?> message) {
        return DialogContractMapping.toContract(message.getPayload())
                .map(published -> List.of(envelopes.outgoing(DialogTopics.DIALOGS, published.dialogId().toString(),
                        message, published.type(), published.version(), published.payload())))
                .orElse(List.of());
    }
}
