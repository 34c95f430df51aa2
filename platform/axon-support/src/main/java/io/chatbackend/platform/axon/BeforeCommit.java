package io.chatbackend.platform.axon;

import java.util.function.Consumer;
import java.util.function.Supplier;

import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Work that handlers of one batch collect and that runs once, just before the batch's unit of work commits (in its
 * transaction, so a failure still rolls the batch back): e.g. writes or sends started per event and awaited
 * together, or one statement for the whole batch instead of one per event.
 */
public final class BeforeCommit {

    private BeforeCommit() {
    }

    /**
     * The unit of work's collection under {@code key}: created by {@code create} on first use, when
     * {@code beforeCommit} is registered to run on it at prepare-commit.
     */
    public static <C> C collect(UnitOfWork<?> unitOfWork, String key, Supplier<C> create, Consumer<C> beforeCommit) {
        return unitOfWork.getOrComputeResource(key, k -> {
            C collected = create.get();
            unitOfWork.onPrepareCommit(committing -> beforeCommit.accept(collected));
            return collected;
        });
    }
}
