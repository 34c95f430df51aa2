-- Who blocked whom (ADR 0024), kept by a subscribing handler in the same transaction as the block list's events, so
-- a block takes effect on the very next request: direct dialogs, sends in them, and additions to groups.
CREATE TABLE user_block (
    blocker_id UUID        NOT NULL,
    blocked_id UUID        NOT NULL,
    blocked_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (blocker_id, blocked_id)
);
