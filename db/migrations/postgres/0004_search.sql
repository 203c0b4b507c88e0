-- Full-text search (issue 16): a GIN expression index, so no column to keep in step: it
-- follows every insert, edit, delete and cascade by itself. Partial: tombstones (deleted_at
-- set, content erased) are never searched.
--
-- The 'simple' config (lower-casing, no stemming, no stop words) because Cairo's messages
-- are not all English: 'english' would stem Arabic or French words wrongly and silently
-- drop "the", "not", "will" from queries; 'simple' finds exactly the words typed, as
-- SQLite's unicode61 tokenizer does, so both databases answer alike.
--
-- Besides the words, the document holds two lexemes naming its people, 'from <sender_id>'
-- and 'to <receiver_id>' (with a space: to_tsvector never makes such a lexeme from text,
-- and a query's words never contain one). A search ANDs the words with
-- 'from <viewer>' | 'to <viewer>', so GIN intersects the word's postings with the viewer's
-- inside the index: at 1,000,000 messages a common word or phrase rechecks only the
-- viewer's own rows instead of every match (a phrase took 1.2-1.9 s, now about 30 ms).
-- lib/search.ts writes the same expression: PostgreSQL uses the index only for it.
CREATE INDEX "messages_search_idx" ON "messages"
  USING gin ((
    to_tsvector('simple'::regconfig, "content")
    || array_to_tsvector(ARRAY['from ' || "sender_id"::text, 'to ' || "receiver_id"::text])
  ))
  WHERE "deleted_at" IS NULL;
