package io.chatbackend.platform.cassandra.readmodel;

import java.util.Map;

/**
 * A read model as the admin API lists it.
 *
 * @param name          the model's name
 * @param epoch         the live epoch
 * @param buildingEpoch the epoch a rebuild is filling, or {@code null}
 * @param rebuildJob    the job holding the model, or {@code null}
 * @param readTables    logical table to the live physical table
 * @param rebuildable   whether this service has a rebuild source for it
 */
public record ReadModelInfo(String name, int epoch, Integer buildingEpoch, String rebuildJob,
                            Map<String, String> readTables, boolean rebuildable) {
}
