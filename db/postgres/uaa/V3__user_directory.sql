-- The user directory's searches by a prefix of the username (stored in lower case) or of the display name, in any
-- case. text_pattern_ops makes the indexes serve LIKE 'prefix%' whatever the database's collation.
CREATE INDEX account_username_prefix ON account (username text_pattern_ops);
CREATE INDEX account_display_name_prefix ON account (lower(display_name) text_pattern_ops);
