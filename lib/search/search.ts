import "server-only";
import { type SQL, sql } from "drizzle-orm";
import { perDialect, rows } from "@/db/query";
import { INLINE_IMAGE_TYPES } from "@/lib/files/limits";
import { plainText } from "@/lib/platform/markdown/plain-text";
import { fail, ok, type Result } from "@/lib/platform/result";
import { DELETED_ACCOUNT } from "@/lib/rooms/room-messages";
import { highlight, type Segment } from "./highlight";
import { fts5Expression, parseSearchQuery, type SearchQuery, tokensOf } from "./query";

/**
 * Full-text search over the messages a viewer may see: the direct messages they sent or
 * received (a thread's replies belong to its conversation, so the same rule covers them)
 * and the messages of the rooms they are a member of (archived ones included; as Slack
 * searches joined channels, an open room is searched once joined), never a tombstone.
 * Words match as prefixes ("approv" finds "approvals"); PostgreSQL also matches a word's
 * English stem ("approvals" finds "approval"), which SQLite's index cannot. SQLite asks its FTS5 index (messages_fts), PostgreSQL its GIN index on the
 * words plus the message's people; both are kept in step by the database itself. The
 * viewer condition is also always in the WHERE clause, whatever the index does.
 *
 * Newest first is by id (the order messages were stored), so the index's own rowid order
 * serves it and the scan stops after one page; `before` is then the last id seen. With
 * `sort: "relevance"` the page is ranked (bm25 / ts_rank) and `before` is an offset.
 */

export const SEARCH_PAGE_SIZE = 20;
/** Relevance pages stop here: ranking every match of a common word costs more and more. */
export const MAX_RELEVANCE_OFFSET = 1_000;

export type SearchSort = "newest" | "relevance";

export interface SearchResult {
  id: number;
  /** The other person in the conversation (yourself for notes to self); in a room, the sender. */
  colleague: { id: number; name: string };
  /** The room a room message was posted in; null for a direct message. */
  room: { id: number; name: string } | null;
  senderName: string;
  fromViewer: boolean;
  createdAt: number;
  isReply: boolean;
  snippet: Segment[];
  /** The names of the message's files a searched word matched, their matched words flagged. */
  files: Segment[][];
  /** Where "Open in conversation" goes: the thread for a reply, else the conversation. */
  href: string;
}

export interface SearchPage {
  results: SearchResult[];
  /** Pass back as `before` for the next page; null on the last one. */
  nextBefore: number | null;
}

export interface SearchOptions {
  q: unknown;
  before?: number;
  sort?: SearchSort;
}

interface Person {
  id: number;
  name: string;
  email: string;
}

interface HitRow {
  id: number;
  sender_id: number | null;
  receiver_id: number | null;
  room_id: number | null;
  parent_message_id: number | null;
  content: string;
  attachment_names: string | null;
  created_at: number;
  sender_name: string | null;
  receiver_name: string | null;
}

interface SearchedRoom {
  id: number;
  name: string;
}

/** The rooms the viewer is a member of, archived or not: what search reads besides their DMs. */
async function memberRooms(viewerId: number): Promise<SearchedRoom[]> {
  const found = await rows<SearchedRoom>(sql`
    select r.id, r.name from room_members rm join rooms r on r.id = rm.room_id
    where rm.user_id = ${viewerId}`);
  return found.map((room) => ({ id: Number(room.id), name: room.name }));
}

/**
 * The room of `in:` among the viewer's: one they are not in (private or not, existing or
 * not) gets the same answer, so a private room's name is never confirmed.
 */
function roomNamed(rooms: SearchedRoom[], name: string): Result<SearchedRoom> {
  const wanted = name.toLowerCase();
  const room = rooms.find((candidate) => candidate.name.toLowerCase() === wanted);
  if (!room) {
    return fail(
      "invalid",
      `You are not a member of a room called #${name}: in: searches the rooms you have joined.`,
    );
  }
  return ok(room);
}

/**
 * The names in from:/with: as users, in ONE statement when they are whole names or emails:
 * "me" is the viewer, an email names its owner, a whole name (any case) its one bearer. A
 * part of a name or an email (a first name, say) is looked up then, by a second statement;
 * several people fitting it are named back, so the viewer can pick one.
 */
async function resolvePeople(
  viewerId: number,
  names: string[],
): Promise<{ ok: true; ids: Map<string, number> } | { ok: false; error: string }> {
  const ids = new Map<string, number>();
  const wanted = names.filter((name) => name.toLowerCase() !== "me");
  for (const name of names) if (name.toLowerCase() === "me") ids.set(name, viewerId);
  if (wanted.length === 0) return { ok: true, ids };
  const lowered = wanted.map((name) => name.toLowerCase());
  const people = await rows<Person>(sql`
    select id, name, email from users
    where ${sql.join(
      lowered.map((name) => sql`(lower(name) = ${name} or email = ${name})`),
      sql` or `,
    )}`);
  for (const [i, name] of wanted.entries()) {
    const key = lowered[i] as string;
    const byEmail = people.filter((person) => person.email === key);
    const byName = people.filter((person) => person.name.toLowerCase() === key);
    const exact = byEmail.length > 0 ? byEmail : byName;
    const found = exact.length > 0 ? exact : await partialMatches(key);
    if (found.length === 0) return { ok: false, error: `No colleague is called "${name}".` };
    if (found.length > 1) {
      const which = found.slice(0, 5).map((person) => `${person.name} (${person.email})`);
      const more = found.length > 5 ? ", …" : "";
      const lead =
        exact.length > 0
          ? `Several colleagues are called "${name}"`
          : `"${name}" could be ${which.slice(0, -1).join(", ")}${which.length > 1 ? " or " : ""}${which.at(-1)}${more}`;
      return {
        ok: false,
        error: `${lead}: use their email instead, like from:${(found[0] as Person).email}.`,
      };
    }
    ids.set(name, (found[0] as Person).id);
  }
  return { ok: true, ids };
}

/** How many colleagues a part of a name may stand for before the search asks which one. */
const PARTIAL_LIMIT = 20;

/**
 * The colleagues a part of a name or an email stands for (`omar`, `sal`, `omar.f`), asked
 * only when no one has that whole name or email: those with a word of their name, or their
 * email, starting with it; failing that, those whose name or email contains it.
 */
async function partialMatches(key: string): Promise<Person[]> {
  const pattern = `%${key.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const candidates = await rows<Person>(sql`
    select id, name, email from users
    where lower(name) like ${pattern} escape '\\' or email like ${pattern} escape '\\'
    order by lower(name), email
    limit ${PARTIAL_LIMIT}`);
  const startsAWord = (person: Person) =>
    person.name.toLowerCase().startsWith(key) ||
    person.name.toLowerCase().includes(` ${key}`) ||
    person.email.startsWith(key);
  const prefixed = candidates.filter(startsAWord);
  return (prefixed.length > 0 ? prefixed : candidates).map((person) => ({
    ...person,
    id: Number(person.id),
  }));
}

/** Where a search looks: the viewer's direct messages and rooms, or the one room of in:. */
interface Scope {
  viewerId: number;
  roomIds: number[];
  onlyRoom?: number;
}

/** The conditions every hit meets: the viewer's, not a tombstone, and the filters. */
function conditions(
  scope: Scope,
  query: SearchQuery,
  people: Map<string, number>,
  before: number | undefined,
): SQL {
  const { viewerId, roomIds, onlyRoom } = scope;
  const direct = sql`(m.room_id is null and (m.sender_id = ${viewerId} or m.receiver_id = ${viewerId}))`;
  // A former member's own messages in a room stay out: only current members search it.
  const inRooms =
    roomIds.length > 0
      ? sql`m.room_id in (${sql.join(
          roomIds.map((id) => sql`${id}`),
          sql`, `,
        )})`
      : undefined;
  const parts: SQL[] = [
    onlyRoom !== undefined
      ? sql`m.room_id = ${onlyRoom}`
      : inRooms
        ? sql`(${direct} or ${inRooms})`
        : direct,
    sql`m.deleted_at is null`,
  ];
  if (before !== undefined) parts.push(sql`m.id < ${before}`);
  if (query.before !== undefined) parts.push(sql`m.created_at < ${query.before}`);
  if (query.after !== undefined) parts.push(sql`m.created_at >= ${query.after}`);
  if (query.from !== undefined) parts.push(sql`m.sender_id = ${people.get(query.from)}`);
  if (query.has !== undefined) parts.push(hasAttachment(query.has));
  if (query.with !== undefined) {
    const other = people.get(query.with) as number;
    parts.push(
      sql`((m.sender_id = ${viewerId} and m.receiver_id = ${other}) or (m.sender_id = ${other} and m.receiver_id = ${viewerId}))`,
    );
  }
  return sql.join(parts, sql` and `);
}

/** `has:file` and `has:image`: one indexed lookup per candidate (attachments_message_idx). */
function hasAttachment(kind: "file" | "image"): SQL {
  const images = sql.join(
    INLINE_IMAGE_TYPES.map((type) => sql`${type}`),
    sql`, `,
  );
  const image = kind === "image" ? sql` and a.mime_type in (${images})` : sql``;
  return sql`exists (select 1 from attachments a where a.message_id = m.id${image})`;
}

/**
 * PostgreSQL's indexed document, exactly as db/migrations/postgres/0009_search_attachment_names.sql
 * writes it: the text, the attachments' names, the message's people.
 */
const SEARCH_DOCUMENT = sql.raw(
  "(to_tsvector('simple'::regconfig, m.content) || to_tsvector('simple'::regconfig, translate(coalesce(m.attachment_names, ''), '._-/\\@:', '       ')) || array_to_tsvector(ARRAY[coalesce('from ' || m.sender_id::text, 'from'), coalesce('to ' || m.receiver_id::text, 'room ' || m.room_id::text)]))",
);

/**
 * PostgreSQL's words: an unquoted word's last token as a prefix (`'approv':*`); for a
 * one-word term, its English stem as a prefix instead when the stem starts the word
 * (`approvals` -> `'approv':*`, which also finds "approval"), or beside it when it does
 * not (`happy` -> `'happy':* | 'happi':*`); a stop word has no stem and stays as typed. A
 * quoted phrase is found exactly. The index holds the 'simple' words (see the migration),
 * so a stem is matched as a prefix of them. Every prefix costs GIN a union of the postings
 * of the words it starts, so each term asks for one prefix where one will do.
 */
function postgresWords(query: SearchQuery): SQL {
  // The last lexeme made a prefix: `'e' <-> 'mail'` -> `'e' <-> 'mail':*`; an empty query
  // (no lexeme, or only stop words) is left as it is.
  const asPrefix = (tsquery: SQL) =>
    sql`(case when right(${tsquery}::text, 1) = '''' then (${tsquery}::text || ':*')::tsquery else ${tsquery} end)`;
  return sql.join(
    query.terms.map((term, i) => {
      const simple = sql`phraseto_tsquery('simple', ${term})`;
      if (query.quoted[i]) return sql`(${simple})`;
      // Stems for a single word only: the English config drops stop words, which would
      // loosen a joined piece like `the:(door)` to any "door".
      if (tokensOf(term).length > 1) return asPrefix(simple);
      const word = sql`${simple}::text`;
      const stem = sql`phraseto_tsquery('english', ${term})::text`;
      // Both are one quoted lexeme ('approvals', 'approv') or empty.
      return sql`(case
        when ${stem} !~ '^''[^'']+''$' or ${word} !~ '^''[^'']+''$' then ${asPrefix(simple)}
        when starts_with(${word}, left(${stem}, -1)) then (${stem} || ':*')::tsquery
        else (${word} || ':*')::tsquery || (${stem} || ':*')::tsquery end)`;
    }),
    sql` && `,
  );
}

/** The viewer's lexemes (see the PostgreSQL migrations): the index narrows to their messages. */
function postgresScope({ viewerId, roomIds, onlyRoom }: Scope): SQL {
  const lexemes =
    onlyRoom !== undefined
      ? [`'room ${onlyRoom}'`]
      : [`'from ${viewerId}'`, `'to ${viewerId}'`, ...roomIds.map((id) => `'room ${id}'`)];
  return sql`${lexemes.join(" | ")}::tsquery`;
}

/** One page of hits, with the sender's and receiver's names and the room's, in ONE statement. */
function hitsQuery(
  scope: Scope,
  query: SearchQuery,
  where: SQL,
  sort: SearchSort,
  offset: number,
): SQL {
  const limit = SEARCH_PAGE_SIZE + 1;
  const columns = sql`m.id, m.sender_id, m.receiver_id, m.room_id, m.parent_message_id, m.content, m.attachment_names, m.created_at`;
  // `score`: lower is better in both dialects (bm25 is negative, ts_rank is negated).
  const hits = perDialect({
    // CROSS JOIN keeps FTS5 outermost, read in rowid order: the scan stops after a page.
    sqlite: () => {
      const score = sort === "relevance" ? sql`bm25(messages_fts)` : sql`0`;
      return sql`
        select ${columns}, ${score} as score
        from messages_fts f cross join messages m on m.id = f.rowid
        where messages_fts match ${fts5Expression(query.terms, query.quoted, scope)} and ${where}
        order by ${sort === "relevance" ? sql`score, ` : sql``}f.rowid desc
        limit ${limit} offset ${offset}`;
    },
    postgres: () => {
      const words = postgresWords(query);
      const viewer = postgresScope(scope);
      const score = sort === "relevance" ? sql`-ts_rank(${SEARCH_DOCUMENT}, ${words})` : sql`0`;
      return sql`
        select ${columns}, ${score} as score from messages m
        where ${SEARCH_DOCUMENT} @@ ((${words}) && ${viewer}) and ${where}
        order by ${sort === "relevance" ? sql`score, ` : sql``}m.id desc
        limit ${limit} offset ${offset}`;
    },
  });
  return sql`
    with hits as (${hits})
    select h.*, s.name as sender_name, r.name as receiver_name
    from hits h left join users s on s.id = h.sender_id left join users r on r.id = h.receiver_id
    order by h.score, h.id desc`;
}

/** The attachment names holding a searched word (or a word it starts), highlighted. */
function matchedFiles(names: string | null, query: SearchQuery): Segment[][] {
  if (names === null) return [];
  return names
    .split("\n")
    .map((name) => highlight(name, query.tokens, query.prefixes))
    .filter((segments) => segments.some((segment) => segment.match));
}

function toResult(
  viewerId: number,
  row: HitRow,
  query: SearchQuery,
  rooms: Map<number, string>,
): SearchResult {
  const fromViewer = row.sender_id === viewerId;
  const sender = { id: Number(row.sender_id), name: row.sender_name ?? DELETED_ACCOUNT };
  const roomId = row.room_id === null ? null : Number(row.room_id);
  const colleague =
    roomId === null && fromViewer
      ? { id: Number(row.receiver_id), name: row.receiver_name ?? DELETED_ACCOUNT }
      : sender;
  const isReply = row.parent_message_id !== null;
  const room = roomId === null ? null : { id: roomId, name: rooms.get(roomId) ?? "" };
  return {
    id: row.id,
    colleague,
    room,
    senderName: sender.name,
    fromViewer,
    createdAt: Number(row.created_at),
    isReply,
    // As the inbox shows a message: its text, without Markdown's marks (`**`, fences) or
    // shortcodes; the highlights are then found in what the reader sees.
    snippet: highlight(plainText(row.content), query.tokens, query.prefixes),
    files: matchedFiles(row.attachment_names, query),
    href: isReply
      ? `/thread/${row.id}#message-${row.id}`
      : room
        ? `/rooms/${room.id}?at=${row.id}#message-${row.id}`
        : `/messages/${colleague.id}?at=${row.id}#message-${row.id}`,
  };
}

/**
 * One page of the viewer's messages matching `q`, newest first (or by relevance): at most
 * three statements (the from:/with: names, when there are any, the viewer's rooms, then
 * the page). Bad queries
 * come back as an `invalid` Result with a message for the search box.
 */
export async function searchMessages(
  viewerId: number,
  { q, before, sort = "newest" }: SearchOptions,
): Promise<Result<SearchPage>> {
  const parsed = parseSearchQuery(q);
  if (!parsed.ok) return fail("invalid", parsed.error);
  const { query } = parsed;
  if (sort === "relevance" && before !== undefined && before > MAX_RELEVANCE_OFFSET) {
    return fail(
      "invalid",
      `Relevance pages stop after ${MAX_RELEVANCE_OFFSET} results: narrow the search.`,
    );
  }
  const names = [query.from, query.with].filter((name) => name !== undefined);
  const people = await resolvePeople(viewerId, names);
  if (!people.ok) return fail("invalid", people.error);
  const rooms = await memberRooms(viewerId);
  const scope: Scope = { viewerId, roomIds: rooms.map((room) => room.id) };
  if (query.in !== undefined) {
    const only = roomNamed(rooms, query.in);
    if (!only.ok) return only;
    scope.onlyRoom = only.data.id;
  }
  const relevance = sort === "relevance";
  const offset = relevance ? (before ?? 0) : 0;
  const where = conditions(scope, query, people.ids, relevance ? undefined : before);
  const found = await rows<HitRow>(hitsQuery(scope, query, where, sort, offset));
  const page = found.slice(0, SEARCH_PAGE_SIZE);
  const more = found.length > SEARCH_PAGE_SIZE;
  const last = page.at(-1);
  const roomNames = new Map(rooms.map((room) => [room.id, room.name]));
  return ok({
    results: page.map((row) => toResult(viewerId, row, query, roomNames)),
    nextBefore: !more || !last ? null : relevance ? offset + SEARCH_PAGE_SIZE : last.id,
  });
}
