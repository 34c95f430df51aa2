package io.chatbackend.platform.axon;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Asynchronous writes that event handlers start while a processor batch is handled, awaited all together just
 * before the batch commits (and with it the processor's token). A batch then costs about one round trip to the
 * store written to instead of one per event, and a failed write still fails the commit: the unit of work rolls
 * back, the token stays, and the processor retries the batch. Only for writes that may be repeated (idempotent)
 * and that need no order among themselves.
 */
public final class PendingWrites {

    private static final String RESOURCE = PendingWrites.class.getName();

    private PendingWrites() {
    }

    /** Adds the writes to the current batch's; the first call of a batch registers the wait. */
    public static void awaitBeforeCommit(UnitOfWork<?> unitOfWork, Collection<? extends CompletableFuture<?>> writes) {
        if (writes.isEmpty()) {
            return;
        }
        List<CompletableFuture<?>> pending = BeforeCommit.collect(unitOfWork.root(), RESOURCE, ArrayList::new,
                started -> CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).join());
        pending.addAll(writes);
    }
}
