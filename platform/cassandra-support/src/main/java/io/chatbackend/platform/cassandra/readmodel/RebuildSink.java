package io.chatbackend.platform.cassandra.readmodel;

/** Where a rebuild's replay writes: the building epoch's physical tables. */
public interface RebuildSink {

    /** The physical name of the building table for a logical table of the model. */
    String table(String logical);

    /** The epoch being built. */
    int epoch();
}
