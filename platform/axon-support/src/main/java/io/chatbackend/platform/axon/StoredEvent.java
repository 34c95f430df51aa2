package io.chatbackend.platform.axon;

import java.util.Map;

/**
 * One row of the event store as it is stored: the payload's and the metadata's bytes untouched, and the metadata as
 * its JSON reads.
 *
 * @param position the global index: the order of appends, with gaps where an append rolled back
 */
public record StoredEvent(long position, String aggregateType, String aggregateId, long sequence, String eventId,
                          String timestamp, String payloadType, String payloadRevision, byte[] payload,
                          byte[] storedMetaData, Map<String, Object> metaData) {

    /** The chain hash stored with the event (null when it has none). */
    public String chainHash() {
        Object hash = metaData.get(AuditMetadata.CHAIN_HASH);
        return hash == null ? null : hash.toString();
    }
}
