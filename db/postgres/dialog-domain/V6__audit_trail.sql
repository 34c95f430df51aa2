-- This context's chained audit records (ADR 0026): every call of its audit API (ADR 0027). Appended in the
-- recorded change's transaction; each hash covers the record before it.
CREATE TABLE audit_record (
    seq            BIGINT       PRIMARY KEY,
    occurred_at    TIMESTAMPTZ  NOT NULL,
    actor          VARCHAR(128) NOT NULL,
    device_id      VARCHAR(128),
    correlation_id VARCHAR(128),
    type           VARCHAR(64)  NOT NULL,
    subject        VARCHAR(128) NOT NULL,
    payload        TEXT         NOT NULL,
    previous_hash  CHAR(64)     NOT NULL,
    hash           CHAR(64)     NOT NULL
);

-- Signed checkpoints of this context's audit stream (ADR 0027): each sums up every item up to a position and the
-- heads of the streams that changed, signed with a key the database does not hold, so a deleted tail or stream shows.
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
