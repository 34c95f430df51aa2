-- GET /api/v1/messages/{id} now reads the Cassandra read model (messages_by_id); the interim view is gone, and
-- with it one write per send.
DROP TABLE message_view;
