package io.chatbackend.userclient.node;

import io.chatbackend.userclient.contract.NotificationNode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Array;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The registry of notification nodes (ADR 0013 "N nodes"): each live node's public WebSocket URL and the partitions
 * of the deliveries topic it consumes, so a ticket can name the node that owns a user's partition. Like sessions, a
 * node lives until a persisted expiry that its registrations move forward; the database clock is the only clock.
 *
 * <p>A partition claimed by two live nodes (the loser of a rebalance has not registered its smaller set yet, or has
 * crashed) belongs to the more recent claim: {@code claimed_at} moves only when a node's set of partitions changes,
 * so the periodic re-registration of an unchanged set never steals a partition back.
 */
public class NotificationNodes {

    private static final String COLUMNS = "node_id, ws_url, partition_count, partitions, claimed_at, expires_at";
    private static final RowMapper<NotificationNode> NODE = (rs, n) -> new NotificationNode(rs.getString(1),
            rs.getString(2), rs.getInt(3), partitions(rs.getArray(4)), rs.getTimestamp(5).toInstant(),
            rs.getTimestamp(6).toInstant());

    private final JdbcTemplate jdbc;
    private final Duration ttl;

    public NotificationNodes(JdbcTemplate jdbc, Duration ttl) {
        this.jdbc = jdbc;
        this.ttl = ttl;
    }

    /**
     * Registers a node or refreshes it: its URL, partition count and partitions are replaced and it lives for
     * another TTL. Expired rows are swept on the way (there are only as many rows as nodes).
     *
     * @param partitions checked to lie in {@code [0, partitionCount)}; stored ascending without duplicates
     */
    @Transactional
    public NotificationNode register(String nodeId, String wsUrl, int partitionCount, List<Integer> partitions) {
        jdbc.update("DELETE FROM notification_node WHERE expires_at <= now()");
        String array = partitions.stream().distinct().sorted().map(String::valueOf)
                .collect(Collectors.joining(",", "{", "}"));
        // an expired row is a node that came back: its claim is new, whatever it held before
        return jdbc.queryForObject("INSERT INTO notification_node (" + COLUMNS + ") VALUES (?, ?, ?, ?::int[], "
                        + "clock_timestamp(), now() + ? * interval '1 millisecond') ON CONFLICT (node_id) DO UPDATE "
                        + "SET ws_url = excluded.ws_url, partition_count = excluded.partition_count, "
                        + "partitions = excluded.partitions, expires_at = excluded.expires_at, claimed_at = CASE "
                        + "WHEN notification_node.expires_at > now() "
                        + "AND notification_node.partition_count = excluded.partition_count "
                        + "AND notification_node.partitions = excluded.partitions "
                        + "THEN notification_node.claimed_at ELSE excluded.claimed_at END RETURNING " + COLUMNS,
                NODE, nodeId, wsUrl, partitionCount, array, ttl.toMillis());
    }

    /**
     * The live nodes (ordered by id), each with the partitions it owns: a partition claimed by several live nodes
     * is left only with the most recent claim.
     */
    @Transactional(readOnly = true)
    public List<NotificationNode> live() {
        List<NotificationNode> newestFirst = jdbc.query("SELECT " + COLUMNS + " FROM notification_node "
                + "WHERE expires_at > now() ORDER BY claimed_at DESC, node_id", NODE);
        Set<String> taken = new HashSet<>(); // "partitionCount/partition": a claim is about one topic layout
        List<NotificationNode> owners = new ArrayList<>();
        for (NotificationNode node : newestFirst) {
            List<Integer> owned = node.partitions().stream()
                    .filter(partition -> taken.add(node.partitionCount() + "/" + partition)).toList();
            owners.add(new NotificationNode(node.nodeId(), node.wsUrl(), node.partitionCount(), owned,
                    node.claimedAt(), node.expiresAt()));
        }
        owners.sort(Comparator.comparing(NotificationNode::nodeId));
        return owners;
    }

    private static List<Integer> partitions(Array array) throws SQLException {
        return List.copyOf(Arrays.asList((Integer[]) array.getArray()));
    }
}
