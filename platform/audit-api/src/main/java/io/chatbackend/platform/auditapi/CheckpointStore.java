package io.chatbackend.platform.auditapi;

import java.util.List;
import java.util.Optional;

/** Where a context keeps its signed checkpoints. */
interface CheckpointStore {

    Optional<AuditCheckpoint> newest();

    void add(AuditCheckpoint checkpoint);

    /** Every checkpoint, in order. */
    List<AuditCheckpoint> all();
}
