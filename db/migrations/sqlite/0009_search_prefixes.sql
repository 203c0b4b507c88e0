-- Words match as prefixes ("approv" finds "approvals"). Without a prefix index FTS5 answers
-- a prefix query by merging the whole doclist of every word it starts (a common word's
-- quarter of a million rows at 1,000,000 messages) before returning one row; with one it
-- reads the prefix's own doclist in rowid order and stops after a page, as for a word.
-- Prefixes of 2 to 6 characters are indexed; a longer one merges the words it starts,
-- which are few and rarer. The table is rebuilt with the same columns and rows; the
-- triggers of 0007_rooms.sql name it and carry on.
DROP TABLE `messages_fts`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `messages_fts` USING fts5(
  content,
  people,
  content = '',
  contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 0',
  prefix = '2 3 4 5 6'
);
--> statement-breakpoint
INSERT INTO `messages_fts` (rowid, content, people)
  SELECT id, content,
    'from' || sender_id || coalesce(' to' || receiver_id, ' room' || room_id)
  FROM messages WHERE deleted_at IS NULL;
