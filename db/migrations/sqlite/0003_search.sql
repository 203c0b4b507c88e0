-- Full-text search (issue 16): an external-content FTS5 index over messages.content, kept in
-- step by triggers, so every write follows whichever path made it (the events layer, the
-- ON DELETE CASCADE of an account's deletion, a bulk script). Tombstones are not indexed.
-- unicode61 without diacritic folding: the same tokens as PostgreSQL's 'simple' config.
CREATE VIRTUAL TABLE `messages_fts` USING fts5(
  content,
  content = 'messages',
  content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 0'
);
--> statement-breakpoint
INSERT INTO `messages_fts` (rowid, content)
  SELECT id, content FROM messages WHERE deleted_at IS NULL;
--> statement-breakpoint
CREATE TRIGGER `messages_fts_insert` AFTER INSERT ON `messages`
WHEN new.deleted_at IS NULL
BEGIN
  INSERT INTO messages_fts (rowid, content) VALUES (new.id, new.content);
END;
--> statement-breakpoint
-- Fires for cascaded deletes too (a parent's replies, a deleted account's messages).
CREATE TRIGGER `messages_fts_delete` AFTER DELETE ON `messages`
WHEN old.deleted_at IS NULL
BEGIN
  INSERT INTO messages_fts (messages_fts, rowid, content) VALUES ('delete', old.id, old.content);
END;
--> statement-breakpoint
-- An edit or a tombstone: the old text leaves the index, the new one (if any) enters it.
CREATE TRIGGER `messages_fts_update` AFTER UPDATE OF content, deleted_at ON `messages`
BEGIN
  INSERT INTO messages_fts (messages_fts, rowid, content)
    SELECT 'delete', old.id, old.content WHERE old.deleted_at IS NULL;
  INSERT INTO messages_fts (rowid, content)
    SELECT new.id, new.content WHERE new.deleted_at IS NULL;
END;
