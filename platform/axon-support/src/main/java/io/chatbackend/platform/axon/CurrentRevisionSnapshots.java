package io.chatbackend.platform.axon;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.Revision;

import java.util.Objects;

/**
 * Loads a snapshot only if it has the shape its aggregate has now (ADR 0029): the revision stored with the snapshot
 * must equal the aggregate class's {@link Revision} (none for none). A snapshot of an older shape is passed over, the
 * aggregate is sourced from its events, and the next snapshot is taken in today's shape. Every context's event
 * store reads snapshots through it; changing an aggregate's fields means raising its {@code @Revision}.
 */
public class CurrentRevisionSnapshots implements SnapshotFilter {

    private final DeclaredRevisions declared = new DeclaredRevisions();

    @Override
    public boolean test(DomainEventData<?> snapshot) {
        return Objects.equals(declared.of(snapshot.getPayload().getType().getName()).orElse(null),
                snapshot.getPayload().getType().getRevision());
    }
}
