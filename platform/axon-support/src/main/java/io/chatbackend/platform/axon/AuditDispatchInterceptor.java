package io.chatbackend.platform.axon;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.slf4j.MDC;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Stamps commands sent from outside any handler (e.g. from a web request) with the request's correlation id
 * (MDC {@code requestId}, else the command's own id) and who acts ({@link ActingPrincipal}). Commands sent from
 * inside a handler already carry both through {@link AuditCorrelationDataProvider}.
 */
public class AuditDispatchInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

    public static final String MDC_REQUEST_ID = "requestId";

    private final ActingPrincipal actingPrincipal;

    public AuditDispatchInterceptor(ActingPrincipal actingPrincipal) {
        this.actingPrincipal = actingPrincipal;
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            Map<String, Object> additions = new HashMap<>();
            if (!command.getMetaData().containsKey(AuditMetadata.CORRELATION_ID)) {
                String requestId = MDC.get(MDC_REQUEST_ID);
                additions.put(AuditMetadata.CORRELATION_ID, requestId != null ? requestId : command.getIdentifier());
            }
            if (!command.getMetaData().containsKey(AuditMetadata.PRINCIPAL)) {
                additions.putAll(actingPrincipal.current());
            }
            return additions.isEmpty() ? command : command.andMetaData(additions);
        };
    }
}
