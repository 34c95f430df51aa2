-- ADR 0013 "N nodes": which notification node consumes which partitions of notification.deliveries.v1, so the
-- ticket endpoint can send a client to the node that owns its user's partition. A node registers on every rebalance
-- and heartbeat; a row lives until expires_at (a crashed node's claim disappears on its own). claimed_at moves only
-- when the node's set of partitions changes: while a rebalance is in flight two live nodes may claim one partition,
-- and the more recent claim wins.
CREATE TABLE notification_node (
    node_id         VARCHAR(128)  PRIMARY KEY,
    ws_url          VARCHAR(2048) NOT NULL,
    partition_count INT           NOT NULL,
    partitions      INT[]         NOT NULL,
    claimed_at      TIMESTAMPTZ   NOT NULL,
    expires_at      TIMESTAMPTZ   NOT NULL
);
CREATE INDEX notification_node_expiry ON notification_node (expires_at);
