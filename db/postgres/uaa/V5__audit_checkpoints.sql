-- Signed checkpoints of UAA's audit trail (ADR 0027): each sums up every record up to a position and the heads of
-- the subjects that changed, signed with a key the database does not hold, so deleted records at the end show.
CREATE TABLE audit_checkpoint (
    seq                BIGINT      PRIMARY KEY,
    taken_at           TIMESTAMPTZ NOT NULL,
    up_to_position     BIGINT      NOT NULL,
    items              BIGINT      NOT NULL,
    digest             CHAR(64)    NOT NULL,
    heads              TEXT        NOT NULL,
    previous_signature CHAR(64)    NOT NULL,
    signature          CHAR(64)    NOT NULL
);
