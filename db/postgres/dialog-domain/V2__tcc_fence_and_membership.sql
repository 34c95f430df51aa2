-- The TCC participant's fence: one row per transaction seen, written in the same transaction as the lane's
-- events. The primary key settles a late Try against an early Cancel (anti-suspension).
CREATE TABLE tcc_fence (
    tx_id       VARCHAR(64)  PRIMARY KEY,
    resource_id VARCHAR(255),
    state       VARCHAR(16)  NOT NULL,
    expires_at  TIMESTAMPTZ,
    result      TEXT,
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX tcc_fence_tried ON tcc_fence (expires_at) WHERE state = 'TRIED';

-- Who is a member of which dialog, kept by a subscribing handler in the same transaction as the dialog's events:
-- the Try of a send checks it without touching the dialog aggregate.
CREATE TABLE dialog_member (
    dialog_id     UUID        NOT NULL,
    user_id       UUID        NOT NULL,
    role          VARCHAR(16) NOT NULL,
    joined_at_seq BIGINT      NOT NULL,
    PRIMARY KEY (dialog_id, user_id)
);
CREATE INDEX dialog_member_user ON dialog_member (user_id);

CREATE TABLE dialog (
    dialog_id  UUID         PRIMARY KEY,
    type       VARCHAR(16)  NOT NULL,
    title      VARCHAR(128),
    created_by UUID         NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL
);
