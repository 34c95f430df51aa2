package io.chatbackend.platform.axon;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

class PendingWritesTest {

    @Test
    @Timeout(10) // a handler that waited for its own write would wait here forever: nobody completes it before commit
    void aBatchStartsEveryWriteBeforeWaitingAndCommitsOnlyOnceAllAreDone() throws Exception {
        List<CompletableFuture<Object>> started = new ArrayList<>();
        BatchingUnitOfWork<EventMessage<?>> batch = batchOf("first", "second", "third");
        List<Integer> startedBeforeCommit = new ArrayList<>();
        batch.onPrepareCommit(unitOfWork -> startedBeforeCommit.add(started.size()));
        batch.onPrepareCommit(unitOfWork -> started.forEach(write -> write.complete(null)));

        ResultMessage<?> result = batch.executeWithResult(() -> {
            CompletableFuture<Object> write = new CompletableFuture<>();
            started.add(write);
            PendingWrites.awaitBeforeCommit(batch, List.of(write));
            return null;
        });

        assertThat(result.isExceptional()).isFalse();
        assertThat(startedBeforeCommit).containsExactly(3);
        assertThat(started).allMatch(CompletableFuture::isDone);
        assertThat(batch.isRolledBack()).isFalse();
    }

    @Test
    void aFailedWriteRollsTheWholeBatchBackSoTheProcessorRetriesIt() throws Exception {
        List<CompletableFuture<?>> writes = List.of(CompletableFuture.completedFuture(null),
                CompletableFuture.failedFuture(new IllegalStateException("the store is down")));
        BatchingUnitOfWork<EventMessage<?>> batch = batchOf("first", "second");
        int[] handled = {0};

        ResultMessage<?> result = batch.executeWithResult(() -> {
            PendingWrites.awaitBeforeCommit(batch, List.of(writes.get(handled[0]++)));
            return null;
        });

        // a tracking processor hands an exceptional, rolled back batch to its error handler and retries it
        assertThat(result.isExceptional()).isTrue();
        assertThat(result.exceptionResult()).hasRootCauseMessage("the store is down");
        assertThat(batch.isRolledBack()).isTrue();
    }

    @Test
    void noWritesLeaveTheBatchAlone() throws Exception {
        BatchingUnitOfWork<EventMessage<?>> batch = batchOf("ignored");

        batch.executeWithResult(() -> {
            PendingWrites.awaitBeforeCommit(batch, List.of());
            return null;
        });

        assertThat(batch.resources()).isEmpty();
        assertThat(batch.isRolledBack()).isFalse();
    }

    private static BatchingUnitOfWork<EventMessage<?>> batchOf(String... payloads) {
        List<EventMessage<?>> events = new ArrayList<>();
        for (String payload : payloads) {
            events.add(GenericEventMessage.asEventMessage(payload));
        }
        return new BatchingUnitOfWork<>(events);
    }
}
