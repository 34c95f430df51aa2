-- Who blocked whom, learnt from dialog-domain's UserBlocked/UserUnblocked (topic dialog.blocks.v1, ADR 0024): a
-- blocker's presence is hidden from the users they blocked. A row only moves to a higher sequence of the blocker's
-- block list, so redelivered or replayed events change nothing.
CREATE TABLE user_block (
    blocker_id UUID    NOT NULL,
    blocked_id UUID    NOT NULL,
    blocked    BOOLEAN NOT NULL,
    seq        BIGINT  NOT NULL,
    PRIMARY KEY (blocker_id, blocked_id)
);
