package io.chatbackend.platform.axon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The per-aggregate hash chain over stored events.
 *
 * <p>{@code chainHash(n) = hex(SHA-256(prev "\n" type "\n" aggregateId "\n" seq "\n" eventId "\n" timestamp "\n"
 * payloadType "\n" revision "\n" payloadBytes "\n" canonicalMetaData))}, where {@code prev} is the chain hash of
 * event {@code n-1} of the same aggregate ({@link #GENESIS} for the first), {@code payloadBytes} are exactly the
 * stored payload bytes and {@code canonicalMetaData} is the metadata without {@code chainHash} as JSON with keys
 * sorted. Changing any stored column, or removing or reordering an event, breaks the chain at that event.
 */
public final class EventHashChain {

    public static final String GENESIS = "0".repeat(64);

    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private EventHashChain() {
    }

    /** The stored facts of one event that the chain covers. */
    public record ChainedFields(String aggregateType, String aggregateId, long sequenceNumber, String eventId,
                                String timestamp, String payloadType, String payloadRevision, byte[] payload,
                                Map<String, ?> metaData) {
    }

    public static String hash(String previousHash, ChainedFields event) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            String header = String.join("\n", previousHash, nullToEmpty(event.aggregateType()), event.aggregateId(),
                    Long.toString(event.sequenceNumber()), event.eventId(), event.timestamp(), event.payloadType(),
                    nullToEmpty(event.payloadRevision()), "");
            digest.update(header.getBytes(StandardCharsets.UTF_8));
            digest.update(event.payload());
            digest.update((byte) '\n');
            digest.update(canonicalMetaData(event.metaData()));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] canonicalMetaData(Map<String, ?> metaData) {
        Map<String, Object> sorted = new TreeMap<>(metaData);
        sorted.remove(AuditMetadata.CHAIN_HASH);
        try {
            return CANONICAL.writeValueAsBytes(sorted);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event metadata must be plain JSON values", e);
        }
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
