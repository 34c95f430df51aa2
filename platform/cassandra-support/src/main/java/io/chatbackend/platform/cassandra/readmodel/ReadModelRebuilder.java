package io.chatbackend.platform.cassandra.readmodel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Rebuilds a read model beside the live one and switches to it.
 *
 * <p>A job: claims the model (one rebuild per model at a time, across all instances); drops and creates the next
 * epoch's tables; marks them as building, so live projections write to them too from then on, and waits until every
 * instance has seen that; lets the service's {@link RebuildSource} replay into them; compares them with the live
 * tables row by row; switches the live epoch with one conditional single-row write; waits for the switch to
 * propagate; drops the tables two epochs back (the previous epoch's stay, for comparison or a quick look back).
 * Readers use the live epoch throughout and never see the half-built one. A job that fails before the switch leaves
 * the live model as it was and clears the building epoch (its half-built tables stay until the next rebuild
 * recreates them: dropping them could break a live write still aimed at them).
 */
public class ReadModelRebuilder implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReadModelRebuilder.class);
    private static final int KEPT_FINISHED_JOBS = 100;

    private final ReadModelCatalog catalog;
    private final RebuildSettings settings;
    private final RebuildStatusStore store;
    private final TableComparator comparator;
    private final Map<String, RebuildJob> running = new ConcurrentHashMap<>();
    private final Map<String, RebuildJob> jobs = new ConcurrentHashMap<>();
    private final ExecutorService workers;
    private final ScheduledExecutorService heartbeats;

    /** A rebuilder with {@link RebuildSettings#defaults()}. */
    public ReadModelRebuilder(ReadModelCatalog catalog) {
        this(catalog, RebuildSettings.defaults());
    }

    /** A rebuilder over the catalog's session; creates its status table if missing. */
    public ReadModelRebuilder(ReadModelCatalog catalog, RebuildSettings settings) {
        this.catalog = catalog;
        this.settings = settings;
        this.store = new RebuildStatusStore(catalog);
        this.comparator = new TableComparator(catalog.session(), catalog.keyspace(), settings.scanSplits(),
                settings.pageSize());
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(runnable -> daemon(runnable,
                "read-model-rebuild-" + threads.incrementAndGet()));
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable,
                "read-model-rebuild-heartbeat"));
    }

    /**
     * Starts rebuilding {@code model} from {@code source} in the background.
     *
     * @return the running job
     * @throws UnknownReadModelException if the model is not registered with the catalog
     * @throws RebuildRefusedException   if a rebuild of the model runs already, here or on another instance
     */
    public RebuildJob start(String model, RebuildSource source) {
        return begin(model, source, true);
    }

    /**
     * Starts rebuilding {@code model} into a scratch epoch, comparing it with the live one and dropping it: the live
     * epoch never changes. Refused as {@link #start} is while another rebuild or comparison of the model runs.
     */
    public RebuildJob compare(String model, RebuildSource source) {
        return begin(model, source, false);
    }

    private RebuildJob begin(String model, RebuildSource source, boolean switchToIt) {
        ReadModelDefinition definition = catalog.requireDefinition(model);
        String jobId = UUID.randomUUID().toString();
        // Reserve the model here first, so two starts on one instance never both reach the database claim.
        RebuildJob placeholder = new RebuildJob(jobId, model, 0, 0);
        RebuildJob other = running.putIfAbsent(model, placeholder);
        if (other != null) {
            throw refused(model, other.id());
        }
        RebuildJob job;
        boolean claimed = false;
        try {
            ReadModelCatalog.ClaimResult claim = catalog.claim(model, jobId, settings.lease());
            if (!claim.claimed()) {
                throw refused(model, claim.previous().buildingJob());
            }
            claimed = true;
            // Read the epoch only now: while this job holds the claim no other job can switch it.
            int from = catalog.readState(model).orElseThrow().epoch();
            job = new RebuildJob(jobId, model, from, from + 1);
            running.put(model, job);
        } catch (RuntimeException e) {
            if (claimed) {
                releaseQuietly(model, jobId);
            }
            running.remove(model, placeholder);
            throw e;
        }
        remember(job);
        saveQuietly(job);
        ScheduledFuture<?> heartbeat = heartbeats.scheduleWithFixedDelay(() -> heartbeat(job),
                settings.heartbeatInterval().toMillis(), settings.heartbeatInterval().toMillis(), TimeUnit.MILLISECONDS);
        log.info("Rebuild {} of read model {}: epoch {} -> {}", jobId, model, job.fromEpoch(), job.toEpoch());
        try {
            workers.execute(() -> run(job, definition, source, heartbeat, switchToIt));
        } catch (RuntimeException e) {
            heartbeat.cancel(false);
            releaseQuietly(model, jobId);
            running.remove(model, job);
            throw e;
        }
        return job;
    }

    /**
     * A job's status: from this instance if it runs or ran here, else as another instance last saved it (a running
     * job whose saves stopped longer than the lease ago reads as {@code FAILED}).
     */
    public Optional<RebuildStatus> status(String jobId) {
        RebuildJob job = jobs.get(jobId);
        if (job != null) {
            return Optional.of(job.status());
        }
        return store.load(jobId).map(saved -> {
            RebuildStatus status = saved.status();
            boolean abandoned = !status.finished() && saved.savedAt() != null
                    && saved.savedAt().plus(settings.lease()).isBefore(Instant.now());
            return abandoned ? new RebuildStatus(status.jobId(), status.model(), RebuildStatus.FAILED, status.done(),
                    status.total(), status.ratePerSecond(), null, status.fromEpoch(), status.toEpoch(),
                    status.report(), "abandoned: its instance stopped reporting at " + saved.savedAt()) : status;
        });
    }

    /** The job running on this instance for a model, if any. */
    public Optional<RebuildJob> running(String model) {
        return Optional.ofNullable(running.get(model)).filter(job -> job.toEpoch() > 0);
    }

    /** Stops every job (a running one fails and releases its claim) and the background threads. */
    @Override
    public void close() {
        workers.shutdownNow();
        heartbeats.shutdownNow();
    }

    private void run(RebuildJob job, ReadModelDefinition definition, RebuildSource source,
                     ScheduledFuture<?> heartbeat, boolean switchToIt) {
        String model = job.model();
        int from = job.fromEpoch();
        int to = job.toEpoch();
        boolean switched = false;
        String finalState = RebuildStatus.FAILED;
        String error = null;
        try {
            // A job that ended (or was taken over) moments ago may have cleared a building epoch that some
            // instance still writes to: let every instance follow before those tables are dropped.
            catalog.refresh();
            catalog.awaitPropagation();
            for (String logical : definition.tables().keySet()) {
                String table = ReadModelDefinition.physicalTable(logical, to);
                catalog.ddl("DROP TABLE IF EXISTS " + table);
                catalog.ddl(definition.createStatement(logical, table));
            }
            if (!catalog.markBuilding(model, job.id(), from, to)) {
                throw new RebuildAbortedException("lost the claim on " + model + " before building");
            }
            catalog.refresh();
            // From here on every instance writes live changes to the building tables too, so nothing that happens
            // during the replay is missed.
            catalog.awaitPropagation();

            job.replayStarted();
            source.replay(sink(definition, to), job.progress());
            job.replayEnded();
            job.checkNotLost();

            job.state(RebuildStatus.COMPARING);
            saveQuietly(job);
            job.report(comparator.compare(definition, from, to));
            job.checkNotLost();
            if (!switchToIt) {
                dropScratchCopy(job, definition, to);
                finalState = RebuildStatus.COMPARED;
                log.info("Comparison {} of read model {}: {} differences; epoch {} stays live", job.id(), model,
                        job.status().report() == null ? 0 : job.status().report().differences(), from);
                return;
            }

            if (!catalog.switchEpoch(model, job.id(), from, to)) {
                throw new RebuildAbortedException("lost the claim on " + model + " before the switch");
            }
            switched = true;
            finalState = RebuildStatus.DONE;
            log.info("Rebuild {} of read model {}: epoch {} is live", job.id(), model, to);
            catalog.refresh();
            // Instances still on the old epoch write to both until they follow; after this wait none is left.
            catalog.awaitPropagation();
            if (from - 1 >= 1) {
                for (String logical : definition.tables().keySet()) {
                    catalog.ddl("DROP TABLE IF EXISTS " + ReadModelDefinition.physicalTable(logical, from - 1));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = switched ? "switched to epoch " + to + ", then interrupted during the clean-up" : "interrupted";
        } catch (Throwable e) {
            if (!switched) {
                // A switch whose answer was lost (a timeout) may still have been applied: ask the row.
                switched = switchedAnyway(model, to);
                finalState = switched ? RebuildStatus.DONE : RebuildStatus.FAILED;
            }
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            error = switched ? "switched to epoch " + to + ", but the clean-up failed: " + message : message;
            log.warn("Rebuild {} of read model {} {}", job.id(), model, switched ? "switched; clean-up failed"
                    : "failed; the live model is untouched", e);
        } finally {
            heartbeat.cancel(false);
            try {
                catalog.release(model, job.id());
                catalog.refresh();
            } catch (RuntimeException e) {
                // The claim then expires with the lease; until then a new rebuild is refused.
                log.warn("Rebuild {} of read model {}: could not release the claim: {}", job.id(), model, e.toString());
            }
            running.remove(model, job);
            job.finish(finalState, error);
            saveQuietly(job);
        }
    }

    /**
     * Ends the dual writes into the scratch epoch (every instance follows the released claim) before its tables are
     * dropped, so no instance writes into a table that is gone.
     */
    private void dropScratchCopy(RebuildJob job, ReadModelDefinition definition, int to) throws InterruptedException {
        catalog.release(job.model(), job.id());
        catalog.refresh();
        catalog.awaitPropagation();
        for (String logical : definition.tables().keySet()) {
            catalog.ddl("DROP TABLE IF EXISTS " + ReadModelDefinition.physicalTable(logical, to));
        }
    }

    private boolean switchedAnyway(String model, int to) {
        try {
            return catalog.readState(model).map(state -> state.epoch() == to).orElse(false);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private RebuildSink sink(ReadModelDefinition definition, int epoch) {
        return new RebuildSink() {
            @Override
            public String table(String logical) {
                if (!definition.tables().containsKey(logical)) {
                    throw new IllegalArgumentException("read model " + definition.name() + " has no table " + logical);
                }
                return ReadModelDefinition.physicalTable(logical, epoch);
            }

            @Override
            public int epoch() {
                return epoch;
            }
        };
    }

    private void heartbeat(RebuildJob job) {
        try {
            if (!catalog.heartbeat(job.model(), job.id())) {
                job.lost("another job took over read model " + job.model());
            }
            saveQuietly(job);
        } catch (RuntimeException e) {
            log.warn("Rebuild {} heartbeat failed: {}", job.id(), e.toString());
        }
    }

    private void releaseQuietly(String model, String jobId) {
        try {
            catalog.release(model, jobId);
        } catch (RuntimeException e) {
            // The claim then expires with the lease.
            log.warn("Could not release the claim of rebuild {} on read model {}: {}", jobId, model, e.toString());
        }
    }

    private void saveQuietly(RebuildJob job) {
        try {
            store.save(job.status());
        } catch (RuntimeException e) {
            log.warn("Could not save the status of rebuild {}: {}", job.id(), e.toString());
        }
    }

    private void remember(RebuildJob job) {
        jobs.put(job.id(), job);
        if (jobs.size() > KEPT_FINISHED_JOBS) {
            // Finished jobs are saved in Cassandra too; drop some of them from memory.
            jobs.values().removeIf(old -> old.status().finished() && jobs.size() > KEPT_FINISHED_JOBS);
        }
    }

    private static RebuildRefusedException refused(String model, String runningJob) {
        return new RebuildRefusedException("a rebuild of read model " + model + " is already running"
                + (runningJob == null ? "" : " (job " + runningJob + ")"), runningJob);
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
