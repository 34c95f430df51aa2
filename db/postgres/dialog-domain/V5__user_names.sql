-- The names history pages and inboxes show, learnt from UAA's UserRegistered and UserProfileChanged (ADR 0023), so
-- a page costs one look-up of its senders' names instead of a call to UAA per item. A row only moves to a higher
-- sequence, so a redelivered or replayed event never undoes a later change.
CREATE TABLE user_name (
    user_id      UUID        PRIMARY KEY,
    display_name VARCHAR(64) NOT NULL,
    seq          BIGINT      NOT NULL
);
