-- The dialog's last dialogSeq, kept in the same transaction as its events (like dialog_member), so a read
-- watermark beyond the history is refused against the write model, never a lagging read model.
ALTER TABLE dialog ADD COLUMN last_dialog_seq BIGINT NOT NULL DEFAULT 0;
