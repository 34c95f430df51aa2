package io.chatbackend.platform.axon;

import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.Revision;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads a snapshot only if it has the shape its aggregate has now (ADR 0029): the revision stored with the snapshot
 * must equal the aggregate class's {@link Revision} (none for none). A snapshot of an older shape is passed over, the
 * aggregate is sourced from its events, and the next snapshot is taken in today's shape. Every context's event
 * store reads snapshots through it; changing an aggregate's fields means raising its {@code @Revision}.
 */
public class CurrentRevisionSnapshots implements SnapshotFilter {

    private final Map<String, Optional<String>> revisions = new ConcurrentHashMap<>();

    @Override
    public boolean test(DomainEventData<?> snapshot) {
        String type = snapshot.getPayload().getType().getName();
        return Objects.equals(revisions.computeIfAbsent(type, CurrentRevisionSnapshots::revisionOf).orElse(null),
                snapshot.getPayload().getType().getRevision());
    }

    private static Optional<String> revisionOf(String typeName) {
        try {
            Revision revision = Class.forName(typeName, false, CurrentRevisionSnapshots.class.getClassLoader())
                    .getAnnotation(Revision.class);
            return Optional.ofNullable(revision).map(Revision::value);
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.of("unknown type " + typeName); // matches no stored revision: never loaded
        }
    }
}
