package io.chatbackend.platform.cassandra.readmodel;

/**
 * The service's replay of a read model's sources (its event store, integration topics) into the building tables.
 * It must write with the same idempotent upserts the live projection uses, since live writes reach the building
 * tables too while the replay runs. It runs on a rebuild thread; throwing fails the rebuild and leaves the live
 * model untouched.
 */
@FunctionalInterface
public interface RebuildSource {

    /**
     * Replays everything up to now into {@code sink}'s tables and returns when done.
     *
     * @param sink     the building tables
     * @param progress where to report the total and what is done
     * @throws Exception anything that makes the rebuild fail
     */
    void replay(RebuildSink sink, ProgressListener progress) throws Exception;
}
