-- Full-text search (issue 16): an FTS5 index over messages.content, kept in step by
-- triggers, so every write follows whichever path made it (the events layer, the ON DELETE
-- CASCADE of an account's deletion, a bulk script). Tombstones are not indexed.
--
-- unicode61 without diacritic folding: the same tokens as PostgreSQL's 'simple' config.
-- Contentless (the text stays in messages only; lib/search.ts highlights in TypeScript),
-- with contentless_delete so a row leaves the index by its id alone.
--
-- A second column, `people`, holds 'from<sender_id> to<receiver_id>'. A search ANDs the
-- user's words (restricted to the `content` column, so typing "from12" only ever matches
-- text) with `people : (from<viewer> OR to<viewer>)`: FTS5 then skips through a common
-- word's postings to the viewer's messages instead of reading all of them.
CREATE VIRTUAL TABLE `messages_fts` USING fts5(
  content,
  people,
  content = '',
  contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 0'
);
--> statement-breakpoint
INSERT INTO `messages_fts` (rowid, content, people)
  SELECT id, content, 'from' || sender_id || ' to' || receiver_id
  FROM messages WHERE deleted_at IS NULL;
--> statement-breakpoint
CREATE TRIGGER `messages_fts_insert` AFTER INSERT ON `messages`
WHEN new.deleted_at IS NULL
BEGIN
  INSERT INTO messages_fts (rowid, content, people)
    VALUES (new.id, new.content, 'from' || new.sender_id || ' to' || new.receiver_id);
END;
--> statement-breakpoint
-- Fires for cascaded deletes too (a parent's replies, a deleted account's messages).
CREATE TRIGGER `messages_fts_delete` AFTER DELETE ON `messages`
BEGIN
  DELETE FROM messages_fts WHERE rowid = old.id;
END;
--> statement-breakpoint
-- An edit or a tombstone: the old text leaves the index, the new one (if any) enters it.
CREATE TRIGGER `messages_fts_update` AFTER UPDATE OF content, deleted_at ON `messages`
BEGIN
  DELETE FROM messages_fts WHERE rowid = old.id;
  INSERT INTO messages_fts (rowid, content, people)
    SELECT new.id, new.content, 'from' || new.sender_id || ' to' || new.receiver_id
    WHERE new.deleted_at IS NULL;
END;
