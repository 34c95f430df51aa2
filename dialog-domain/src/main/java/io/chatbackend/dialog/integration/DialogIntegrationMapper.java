package io.chatbackend.dialog.integration;

import java.util.List;

import io.chatbackend.platform.events.OutgoingEvent;
import io.chatbackend.platform.events.axon.DomainEventEnvelopes;
import io.chatbackend.platform.events.axon.IntegrationEventMapper;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.stereotype.Component;

/** What dialog-domain publishes from its event store: dialog events keyed by dialog id, blocks by the blocker. */
@Component
class DialogIntegrationMapper implements IntegrationEventMapper {

    private final DomainEventEnvelopes envelopes;

    DialogIntegrationMapper(DomainEventEnvelopes envelopes) {
        this.envelopes = envelopes;
    }

    @Override
    public List<OutgoingEvent> map(EventMessage<?> message) {
        return DialogContractMapping.toContract(message.getPayload())
                .map(published -> List.of(envelopes.outgoing(published.topic(), published.key().toString(),
                        message, published.type(), published.version(), published.payload())))
                .orElse(List.of());
    }
}
