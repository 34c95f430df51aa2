package io.chatbackend.dialog.evolution;

import io.chatbackend.dialog.command.MemberJoinedEvent;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@link MemberJoinedEvent} revision 1 → 2 (ADR 0029): revision 2 names who added the member ({@code addedBy});
 * revision 1 never recorded it, so it reads as {@code null}, said explicitly rather than left to the deserializer.
 */
public class MemberJoinedRevision2Upcaster extends SingleEventUpcaster {

    static final String TYPE = MemberJoinedEvent.class.getName();

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return TYPE.equals(representation.getType().getName())
                && "1".equals(representation.getType().getRevision());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(new SimpleSerializedType(TYPE, "2"), JsonNode.class, payload -> {
            ObjectNode upcast = ((ObjectNode) payload).deepCopy();
            upcast.putNull("addedBy");
            return upcast;
        });
    }
}
