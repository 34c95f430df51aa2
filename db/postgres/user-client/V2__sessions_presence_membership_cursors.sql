-- Issue 6: devices get a last-seen time and a push endpoint; live sessions with a persisted expiry; presence with
-- what was last published (for the debounce); the dialog membership user-client learns from dialog-domain's
-- events (for presence visibility); per-device delivery cursors.

ALTER TABLE device
    ADD COLUMN last_seen_at TIMESTAMPTZ,
    ADD COLUMN push_url     VARCHAR(2048),
    ADD COLUMN push_secret  VARCHAR(64);

-- Which notification node holds each live WebSocket session. A session lives until expires_at; heartbeats move it
-- forward and a sweeper deletes what has expired, so a crashed node's sessions disappear on their own.
CREATE TABLE live_session (
    session_id VARCHAR(128) PRIMARY KEY,
    user_id    UUID         NOT NULL,
    device_id  VARCHAR(128) NOT NULL,
    node_id    VARCHAR(128) NOT NULL,
    started_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    expires_at TIMESTAMPTZ  NOT NULL
);
CREATE INDEX live_session_user ON live_session (user_id);
CREATE INDEX live_session_expiry ON live_session (expires_at);

-- One row per user who ever had a session. online/last_seen_at/changed_at are the actual state; the published_*
-- columns what PresenceChanged last said (and what the pull API answers). A change is published only once it has
-- stood for the debounce window, and only if it differs from what was published. Writers lock this row first, so a
-- user's session changes and presence events are serialized.
CREATE TABLE presence (
    user_id             UUID        PRIMARY KEY,
    online              BOOLEAN     NOT NULL DEFAULT false,
    last_seen_at        TIMESTAMPTZ,
    changed_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    published_online    BOOLEAN     NOT NULL DEFAULT false,
    published_last_seen TIMESTAMPTZ
);
CREATE INDEX presence_unpublished ON presence (changed_at) WHERE online <> published_online;

-- Dialog membership from dialog-domain's MemberJoined/MemberLeft (topic dialog.dialogs.v1). seq is the event's
-- aggregateSequence (the dialog's stream): a row only ever moves to a higher seq, so redelivered and replayed
-- events change nothing.
CREATE TABLE dialog_member (
    dialog_id UUID    NOT NULL,
    user_id   UUID    NOT NULL,
    member    BOOLEAN NOT NULL,
    seq       BIGINT  NOT NULL,
    PRIMARY KEY (dialog_id, user_id)
);
CREATE INDEX dialog_member_user ON dialog_member (user_id) WHERE member;

-- Delivered up to dialogSeq, per device and dialog; only moves forward.
CREATE TABLE delivery_cursor (
    user_id    UUID         NOT NULL,
    device_id  VARCHAR(128) NOT NULL,
    dialog_id  UUID         NOT NULL,
    up_to_seq  BIGINT       NOT NULL,
    updated_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, device_id, dialog_id)
);
