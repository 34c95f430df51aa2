/**
 * Rebuildable Cassandra read models: every model lives in epoch-numbered tables ({@code <logical>_e<epoch>}), a
 * rebuild fills the next epoch beside the live one while live projections write to both, compares the two row by
 * row, and then switches readers over with one single-row write. Knows nothing of any particular read model.
 *
 * @see io.chatbackend.platform.cassandra.readmodel.ReadModelCatalog
 * @see io.chatbackend.platform.cassandra.readmodel.ReadModelRebuilder
 * @see io.chatbackend.platform.cassandra.readmodel.ReadModelAdmin
 */
package io.chatbackend.platform.cassandra.readmodel;
