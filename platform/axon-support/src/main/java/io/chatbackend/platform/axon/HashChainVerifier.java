package io.chatbackend.platform.axon;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Recomputes every aggregate's hash chain from the rows of the event store and reports the first event where
 * a stored hash, or the sequence, does not match: a changed, removed or reordered event.
 */
public class HashChainVerifier {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final DataSource dataSource;

    public HashChainVerifier(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A place a chain breaks: an event changed, missing, or without a hash. */
    public record ChainBreak(String aggregateId, long sequenceNumber, String reason) {
    }

    /** What a walk over the store found: every break, in stream and sequence order. */
    public record Report(long eventsChecked, long aggregatesChecked, List<ChainBreak> breaks) {

        public Report {
            breaks = List.copyOf(breaks);
        }

        public boolean intact() {
            return breaks.isEmpty();
        }

        public Optional<ChainBreak> firstBreak() {
            return breaks.stream().findFirst();
        }
    }

    public Report verifyAll() {
        return verify(null);
    }

    public Report verifyAggregate(String aggregateId) {
        return verify(Objects.requireNonNull(aggregateId));
    }

    /**
     * Each event is checked against the hash stored with the event before it, so a changed event is reported alone
     * (the next one still follows the stored chain) and a missing one once, where the sequence skips.
     */
    private Report verify(String onlyAggregate) {
        String sql = "SELECT aggregateidentifier, sequencenumber, type, eventidentifier, timestamp, payloadtype, "
                + "payloadrevision, payload, metadata FROM domainevententry"
                + (onlyAggregate == null ? "" : " WHERE aggregateidentifier = ?")
                + " ORDER BY aggregateidentifier, sequencenumber";
        long events = 0;
        long aggregates = 0;
        List<ChainBreak> breaks = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false); // lets PostgreSQL stream with a cursor
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setFetchSize(500);
                if (onlyAggregate != null) {
                    statement.setString(1, onlyAggregate);
                }
                try (ResultSet rows = statement.executeQuery()) {
                    String currentAggregate = null;
                    String previousHash = null;
                    long expectedSequence = 0;
                    while (rows.next()) {
                        events++;
                        String aggregateId = rows.getString(1);
                        long sequence = rows.getLong(2);
                        boolean afterGap = false;
                        if (!aggregateId.equals(currentAggregate)) {
                            aggregates++;
                            currentAggregate = aggregateId;
                            previousHash = EventHashChain.GENESIS;
                            expectedSequence = sequence == 0 || rows.getString(3) != null ? 0 : sequence;
                        }
                        if (sequence != expectedSequence) {
                            breaks.add(new ChainBreak(aggregateId, expectedSequence, sequence - expectedSequence == 1
                                    ? "event " + expectedSequence + " is missing"
                                    : "events " + expectedSequence + " to " + (sequence - 1) + " are missing"));
                            afterGap = true;
                        }
                        Map<String, Object> metaData = JSON.readValue(rows.getBytes(9), MAP);
                        Object stored = metaData.get(AuditMetadata.CHAIN_HASH);
                        String computed = EventHashChain.hash(previousHash, new EventHashChain.ChainedFields(
                                rows.getString(3), aggregateId, sequence, rows.getString(4), rows.getString(5),
                                rows.getString(6), rows.getString(7), rows.getBytes(8), metaData));
                        if (stored == null) {
                            breaks.add(new ChainBreak(aggregateId, sequence, "no chain hash stored"));
                        } else if (!afterGap && !computed.equals(stored)) {
                            breaks.add(new ChainBreak(aggregateId, sequence,
                                    "the stored chain hash does not match the event's content and metadata"));
                        }
                        previousHash = stored != null ? stored.toString() : computed;
                        expectedSequence = sequence + 1;
                    }
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("could not read the event store to verify hash chains", e);
        }
        return new Report(events, aggregates, breaks);
    }
}
