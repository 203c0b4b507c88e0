-- Search finds a message by its attachments' names (issue 28). `attachment_names` holds
-- them, one per line, written by a trigger when a send attaches its uploads (one UPDATE of
-- attachments in the send's transaction; the trigger runs once for that statement), so
-- the send runs no statement more. The search index gains their words: the 'simple'
-- parser reads `report_q3.pdf` as one file-name token, so `.`, `_`, `-`, `/`, `\`, `@`
-- and `:` become spaces first, and `q3` or `report` find it. lib/search writes the same
-- expression: PostgreSQL uses the index only for it.
ALTER TABLE "messages" ADD COLUMN "attachment_names" text;
--> statement-breakpoint
CREATE FUNCTION messages_attachment_names() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE messages m SET attachment_names = names.list
  FROM (
    SELECT a.message_id, string_agg(a.name, E'\n' ORDER BY a.id) AS list
    FROM attachments a
    WHERE a.message_id IN (SELECT message_id FROM attached WHERE message_id IS NOT NULL)
    GROUP BY a.message_id
  ) names
  WHERE m.id = names.message_id AND m.attachment_names IS DISTINCT FROM names.list;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "attachments_names_on_message" AFTER UPDATE ON "attachments"
  REFERENCING NEW TABLE AS attached
  FOR EACH STATEMENT EXECUTE FUNCTION messages_attachment_names();
--> statement-breakpoint
UPDATE "messages" m SET "attachment_names" = names.list
FROM (
  SELECT message_id, string_agg(name, E'\n' ORDER BY id) AS list
  FROM "attachments" WHERE message_id IS NOT NULL GROUP BY message_id
) names
WHERE m.id = names.message_id;
--> statement-breakpoint
DROP INDEX "messages_search_idx";
--> statement-breakpoint
CREATE INDEX "messages_search_idx" ON "messages"
  USING gin ((
    to_tsvector('simple'::regconfig, "content")
    || to_tsvector('simple'::regconfig, translate(coalesce("attachment_names", ''), '._-/\@:', '       '))
    || array_to_tsvector(ARRAY[coalesce('from ' || "sender_id"::text, 'from'), coalesce('to ' || "receiver_id"::text, 'room ' || "room_id"::text)])
  ))
  WHERE "deleted_at" IS NULL;
