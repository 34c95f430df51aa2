package io.chatbackend.platform.cassandra.readmodel;

import java.time.Duration;

/**
 * Where a rebuild job stands.
 *
 * @param jobId         the job's id
 * @param model         the read model
 * @param state         {@link #RUNNING} (preparing and replaying), {@link #COMPARING}, {@link #DONE},
 *                      {@link #COMPARED} (a comparison only) or {@link #FAILED}
 * @param done          what the replay reported done
 * @param total         what the replay reported as its total (0 while unknown)
 * @param ratePerSecond done per second since the replay started
 * @param eta           the estimated time the replay still needs, or {@code null} while unknown
 * @param fromEpoch     the live epoch when the job started
 * @param toEpoch       the epoch being built (live once {@link #DONE})
 * @param report        the comparison of the rebuilt tables with the live ones, once compared
 * @param error         why the job failed (or, on {@link #DONE}, a clean-up problem after the switch), else
 *                      {@code null}
 */
public record RebuildStatus(String jobId, String model, String state, long done, long total, double ratePerSecond,
                            Duration eta, int fromEpoch, int toEpoch, ComparisonReport report, String error) {

    /** Preparing the building tables or replaying into them. */
    public static final String RUNNING = "RUNNING";
    /** Comparing the rebuilt tables with the live ones. */
    public static final String COMPARING = "COMPARING";
    /** Switched: the rebuilt epoch is live. */
    public static final String DONE = "DONE";
    /** A comparison only: the rebuilt copy was compared with the live model and dropped; nothing switched. */
    public static final String COMPARED = "COMPARED";
    /** Failed before the switch: the live model is untouched. */
    public static final String FAILED = "FAILED";

    /** Whether the job has ended, one way or the other. */
    public boolean finished() {
        return DONE.equals(state) || COMPARED.equals(state) || FAILED.equals(state);
    }
}
