-- A send's completion and its cancellation find their key by the attempt's message id. Without this index each of
-- them read the whole table: a sequential scan per send, growing with every message ever sent (15,952 tuples read
-- per send at 17,000 keys). Message ids are unique (the leased id generator, ADR 0008), and so is an attempt's key.
CREATE UNIQUE INDEX idempotency_key_message ON idempotency_key (message_id);
