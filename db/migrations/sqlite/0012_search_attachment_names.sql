-- Search finds a message by its attachments' names (issue 28). `attachment_names` holds
-- them, one per line, written by a trigger when a send attaches its uploads (an UPDATE of
-- attachments.message_id in the send's transaction), so the send runs no statement more.
-- The FTS5 index gains a third column, `files`, that a search matches beside `content`;
-- it is rebuilt with the same prefixes as 0009, and its triggers carry the new column.
ALTER TABLE `messages` ADD `attachment_names` text;
--> statement-breakpoint
CREATE TRIGGER `attachments_names_on_message` AFTER UPDATE OF message_id ON `attachments`
WHEN new.message_id IS NOT NULL
BEGIN
  UPDATE messages SET attachment_names = (
    SELECT group_concat(name, char(10)) FROM (
      SELECT name FROM attachments WHERE message_id = new.message_id ORDER BY id))
  WHERE id = new.message_id;
END;
--> statement-breakpoint
UPDATE messages SET attachment_names = (
  SELECT group_concat(name, char(10)) FROM (
    SELECT name FROM attachments a WHERE a.message_id = messages.id ORDER BY a.id))
WHERE id IN (SELECT message_id FROM attachments WHERE message_id IS NOT NULL);
--> statement-breakpoint
DROP TRIGGER `messages_fts_insert`;
--> statement-breakpoint
DROP TRIGGER `messages_fts_update`;
--> statement-breakpoint
DROP TABLE `messages_fts`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `messages_fts` USING fts5(
  content,
  people,
  files,
  content = '',
  contentless_delete = 1,
  tokenize = 'unicode61 remove_diacritics 0',
  prefix = '2 3 4 5 6'
);
--> statement-breakpoint
INSERT INTO `messages_fts` (rowid, content, people, files)
  SELECT id, content,
    'from' || sender_id || coalesce(' to' || receiver_id, ' room' || room_id),
    attachment_names
  FROM messages WHERE deleted_at IS NULL;
--> statement-breakpoint
CREATE TRIGGER `messages_fts_insert` AFTER INSERT ON `messages`
WHEN new.deleted_at IS NULL
BEGIN
  INSERT INTO messages_fts (rowid, content, people, files)
    VALUES (new.id, new.content,
      'from' || new.sender_id || coalesce(' to' || new.receiver_id, ' room' || new.room_id),
      new.attachment_names);
END;
--> statement-breakpoint
CREATE TRIGGER `messages_fts_update` AFTER UPDATE OF content, deleted_at, attachment_names ON `messages`
BEGIN
  DELETE FROM messages_fts WHERE rowid = old.id;
  INSERT INTO messages_fts (rowid, content, people, files)
    SELECT new.id, new.content,
      'from' || new.sender_id || coalesce(' to' || new.receiver_id, ' room' || new.room_id),
      new.attachment_names
    WHERE new.deleted_at IS NULL;
END;
