package io.chatbackend.platform.cassandra.readmodel;

import java.time.Instant;

/**
 * One row of {@code read_model_state}: which epoch readers use, and what a running rebuild writes.
 *
 * @param model         the read model's name
 * @param epoch         the live epoch: every read goes to its tables
 * @param buildingEpoch the epoch a rebuild is filling, or {@code null}; live projections write to it as well
 * @param buildingJob   the rebuild job that holds the model (set from the claim on, before the building tables
 *                      exist), or {@code null}
 * @param drainingEpoch the epoch just replaced, written to until every instance has followed the switch, or
 *                      {@code null}
 * @param updatedAt     the last change or heartbeat of a running rebuild
 */
public record ReadModelState(String model, int epoch, Integer buildingEpoch, String buildingJob,
                             Integer drainingEpoch, Instant updatedAt) {
}
