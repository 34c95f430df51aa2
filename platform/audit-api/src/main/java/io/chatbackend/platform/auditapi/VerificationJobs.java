package io.chatbackend.platform.auditapi;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Verifications run one at a time on their own thread (a walk over a whole store is long and reads a lot); the
 * latest ones are kept so their callers can fetch the answer.
 */
class VerificationJobs implements AutoCloseable {

    private static final int KEPT = 32;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "audit-verification");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, CompletableFuture<AuditVerification>> jobs = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<AuditVerification>> eldest) {
            return size() > KEPT;
        }
    };

    synchronized Job start(Supplier<AuditVerification> verification) {
        String id = UUID.randomUUID().toString();
        CompletableFuture<AuditVerification> result = CompletableFuture.supplyAsync(verification, worker);
        jobs.put(id, result);
        return new Job(id, result);
    }

    synchronized Optional<Job> find(String id) {
        return Optional.ofNullable(jobs.get(id)).map(result -> new Job(id, result));
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }

    record Job(String id, CompletableFuture<AuditVerification> result) {
    }
}
