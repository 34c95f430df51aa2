package io.chatbackend.platform.axon;

import org.axonframework.serialization.Revision;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link Revision} a stored type's class declares today, looked up once per type name (ADR 0029): what the
 * upcasters and the snapshot filter compare stored revisions with.
 */
final class DeclaredRevisions {

    /** A type this process does not know: its stored forms match no declared revision. */
    static final Optional<String> UNKNOWN = Optional.of("\u0000unknown type");

    private final Map<String, Optional<String>> byType = new ConcurrentHashMap<>();

    /** The declared revision; empty when the class declares none; {@link #UNKNOWN} when there is no such class. */
    Optional<String> of(String typeName) {
        return byType.computeIfAbsent(typeName, DeclaredRevisions::lookUp);
    }

    private static Optional<String> lookUp(String typeName) {
        try {
            Revision revision = Class.forName(typeName, false, DeclaredRevisions.class.getClassLoader())
                    .getAnnotation(Revision.class);
            return Optional.ofNullable(revision).map(Revision::value);
        } catch (ClassNotFoundException | LinkageError e) {
            return UNKNOWN;
        }
    }
}
