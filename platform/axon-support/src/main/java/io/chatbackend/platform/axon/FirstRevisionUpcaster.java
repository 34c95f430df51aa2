package io.chatbackend.platform.axon;

import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

import java.util.Optional;
import java.util.function.Function;

/**
 * Events stored before their types carried a revision (ADR 0029) are revision {@code "1"}: their shape is the first
 * one. This upcaster names them so, unchanged, for every event type that now declares {@link Revision}; a type's
 * own upcasters then take them on from {@code "1"}. It runs first in every context's chain.
 */
public class FirstRevisionUpcaster extends SingleEventUpcaster {

    public static final String FIRST = "1";

    private final DeclaredRevisions declared = new DeclaredRevisions();

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        if (representation.getType().getRevision() != null) {
            return false;
        }
        Optional<String> revision = declared.of(representation.getType().getName());
        return revision.isPresent() && revision != DeclaredRevisions.UNKNOWN;
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(representation.getType().getName(), FIRST),
                byte[].class, Function.identity());
    }
}
