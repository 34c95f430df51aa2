-- Dedup of sends: one row per (sender, clientMessageId), pointing at the latest attempt. The primary key makes
-- dedup hold across instances and restarts.
CREATE TABLE idempotency_key (
    sender_id         UUID        NOT NULL,
    client_message_id UUID        NOT NULL,
    message_id        BIGINT      NOT NULL,
    dialog_id         UUID        NOT NULL,
    body_hash         CHAR(64)    NOT NULL,
    status            VARCHAR(16) NOT NULL, -- PENDING, SENT, CANCELLED
    sender_seq        BIGINT,
    dialog_seq        BIGINT,
    sent_at           TIMESTAMPTZ,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (sender_id, client_message_id)
);

-- The coordinator's unfinished transactions; recovery drives each to Confirm or Cancel.
CREATE TABLE send_attempt (
    message_id BIGINT      PRIMARY KEY,
    dialog_id  UUID        NOT NULL,
    sender_id  UUID        NOT NULL,
    body       TEXT        NOT NULL,
    decision   VARCHAR(16), -- NULL until decided: CONFIRM or CANCEL
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX send_attempt_age ON send_attempt (updated_at);

-- Participant answers that contradict the recorded outcome; kept until an operator resolves them.
CREATE TABLE heuristic_outcome (
    message_id  BIGINT       PRIMARY KEY,
    recorded    VARCHAR(16)  NOT NULL,
    participant VARCHAR(32)  NOT NULL,
    detected_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    resolved_at TIMESTAMPTZ,
    resolution  VARCHAR(255)
);

-- Sent messages as their dialog's members read them (until the read side moves this to Cassandra).
CREATE TABLE message_view (
    message_id BIGINT      PRIMARY KEY,
    dialog_id  UUID        NOT NULL,
    sender_id  UUID        NOT NULL,
    sender_seq BIGINT      NOT NULL,
    dialog_seq BIGINT      NOT NULL,
    body       TEXT        NOT NULL,
    sent_at    TIMESTAMPTZ NOT NULL
);

CREATE TABLE id_generator_lease (
    generator_id    INT          PRIMARY KEY,
    owner           VARCHAR(128) NOT NULL,
    expires_at      TIMESTAMPTZ  NOT NULL,
    issued_until_ms BIGINT       NOT NULL
);
