package io.chatbackend.platform.events.axonprobe;

import io.chatbackend.platform.events.OutgoingEvent;
import io.chatbackend.platform.events.axon.DomainEventEnvelopes;
import io.chatbackend.platform.events.axon.IntegrationEventMapper;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The probe's contract mapping; texts listed in {@link #FAIL_ONCE} make the first mapping attempt throw. */
@Component
public class ProbeMapper implements IntegrationEventMapper {

    public static final Set<String> FAIL_ONCE = ConcurrentHashMap.newKeySet();
    public static final AtomicInteger FAILURES = new AtomicInteger();

    private final DomainEventEnvelopes envelopes;

    ProbeMapper(DomainEventEnvelopes envelopes) {
        this.envelopes = envelopes;
    }

    @Override
    public List<OutgoingEvent> map(EventMessage<?> message) {
        Object payload = message.getPayload();
        if (payload instanceof ProbeThing.Created created) {
            return List.of(envelopes.outgoing(RelayProbeApplication.TOPIC, created.id(), message, "ThingCreated", 1,
                    Map.of("id", created.id(), "text", created.text())));
        }
        if (payload instanceof ProbeThing.Changed changed) {
            if (FAIL_ONCE.remove(changed.text())) {
                FAILURES.incrementAndGet();
                throw new IllegalStateException("mapping failed once (test)");
            }
            return List.of(envelopes.outgoing(RelayProbeApplication.TOPIC, changed.id(), message, "ThingChanged", 1,
                    Map.of("id", changed.id(), "text", changed.text())));
        }
        return List.of();
    }
}
