package io.chatbackend.platform.axon;

import java.util.Map;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The chain hash of the last committed event of recently appended aggregates, so that appending the next event
 * does not read the previous one back from the store. Only what a transaction committed is remembered: a hash of an
 * append that rolled back never links the next event. An entry is used only for the event right after it (any other
 * sequence reads the store), and a stored event never changes, so an entry can be old but never wrong.
 */
final class ChainTails {

    /** The chain hash of event {@code sequence} of an aggregate. */
    record Tail(long sequence, String hash) {
    }

    private final Cache<String, Tail> tails;

    ChainTails(long maximumAggregates) {
        this.tails = Caffeine.newBuilder().maximumSize(maximumAggregates).build();
    }

    /** The chain hash of event {@code sequence - 1} of the aggregate, if this node committed it. */
    Optional<String> previousOf(String aggregateId, long sequence) {
        Tail tail = tails.getIfPresent(aggregateId);
        return tail != null && tail.sequence() == sequence - 1 ? Optional.of(tail.hash()) : Optional.empty();
    }

    /**
     * Remembers the appended tails once the current transaction commits; without a transaction to follow,
     * nothing is remembered.
     */
    void rememberAfterCommit(Map<String, Tail> appended) {
        if (appended.isEmpty() || !TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        Map<String, Tail> committed = Map.copyOf(appended);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                tails.putAll(committed);
            }
        });
    }
}
