-- Full-text search (issue 16): a GIN expression index on the message text. No column to
-- keep in step: the index follows every insert, edit, delete and cascade by itself.
-- The 'simple' config (lower-casing, no stemming, no stop words) because Cairo's messages
-- are not all English: an 'english' config would stem Arabic or French words wrongly and
-- silently drop "the", "not", "will" from queries; 'simple' finds exactly the words typed,
-- as SQLite's unicode61 tokenizer does, so both databases answer alike.
-- Partial: tombstones (deleted_at set, content erased) are never searched.
CREATE INDEX "messages_content_search_idx" ON "messages"
  USING gin (to_tsvector('simple'::regconfig, "content"))
  WHERE "deleted_at" IS NULL;
