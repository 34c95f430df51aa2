package io.chatbackend.platform.axon;

import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

import java.util.HashMap;
import java.util.Map;

/**
 * Copies the audit metadata of the message being handled onto every message it causes: the correlation id
 * is kept, the causation id becomes the handled message's id, and who acted (principal, device, on behalf of whom)
 * is kept.
 */
public class AuditCorrelationDataProvider implements CorrelationDataProvider {

    private final String fallbackPrincipal;

    public AuditCorrelationDataProvider(String fallbackPrincipal) {
        this.fallbackPrincipal = fallbackPrincipal;
    }

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Map<String, Object> data = new HashMap<>();
        Object correlationId = message.getMetaData().get(AuditMetadata.CORRELATION_ID);
        data.put(AuditMetadata.CORRELATION_ID, correlationId != null ? correlationId : message.getIdentifier());
        data.put(AuditMetadata.CAUSATION_ID, message.getIdentifier());
        for (String key : AuditMetadata.ACTOR_KEYS) {
            Object value = message.getMetaData().get(key);
            if (value != null) {
                data.put(key, value);
            }
        }
        data.putIfAbsent(AuditMetadata.PRINCIPAL, fallbackPrincipal);
        return data;
    }
}
