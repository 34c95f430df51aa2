-- This context's chained audit records (ADR 0026): device revocations and every call of its audit API (ADR 0027).
-- Appended in the recorded change's transaction; each hash covers the record before it.
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
