import { z } from "zod";
import { idSchema, isInvisible, normalizeText } from "@/lib/platform/validation";

/**
 * The search box's little language, parsed without the database: words (each also found as
 * the start of a longer word: "approv" finds "approvals"), "quoted phrases" (found exactly),
 * and the filters `from:name`, `with:name` (a name or an email, quoted when it has spaces),
 * `in:#room`, `before:YYYY-MM-DD`, `after:YYYY-MM-DD`. Everything else the user types is
 * text to find: FTS syntax (`"`, `*`, `NEAR`, `:`, parentheses, AND/OR/NOT) is never an
 * operator.
 */

export const MAX_QUERY_LENGTH = 500;
export const MAX_TERMS = 20;

export interface SearchQuery {
  /** Words and phrases, each matched as a phrase of its tokens; all must match. */
  terms: string[];
  /**
   * Per term: true when found exactly (a "quoted phrase", or a word ending in a single
   * character), false for a word whose last token is also the start of longer words.
   */
  quoted: boolean[];
  /** The lower-cased tokens of every term, for highlighting. */
  tokens: string[];
  /** The tokens that may start a longer word (each unquoted term's last), for highlighting. */
  prefixes: string[];
  from?: string;
  with?: string;
  /** A room's name, without its `#`. */
  in?: string;
  /** Created strictly before this instant (ms): the start of the `before:` day, UTC. */
  before?: number;
  /** Created at or after this instant (ms): the day after the `after:` day, UTC. */
  after?: number;
  /** `has:file` (any attachment) or `has:image` (an inline image among them). */
  has?: "file" | "image";
}

export type ParsedQuery = { ok: true; query: SearchQuery } | { ok: false; error: string };

/** Letters, digits and combining marks: what both full-text indexes call a word. */
const TOKEN = /[\p{L}\p{N}\p{M}]+/gu;

export function tokensOf(text: string): string[] {
  return (text.match(TOKEN) ?? []).map((token) => token.toLowerCase());
}

const FILTER = /^(from|with|in|before|after|has):/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** Midnight UTC of a YYYY-MM-DD day, or undefined when it is no calendar day. */
function dayStart(text: string): number | undefined {
  const match = DATE.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  if (year < 1970 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined;
  }
  return time;
}

/** Splits the query into pieces: a filter with its value, a quoted phrase, or a word. */
function* pieces(
  text: string,
): Generator<{ kind: "filter" | "phrase" | "word"; key?: string; value: string }> {
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/u.test(text[i] as string)) i++;
    if (i >= text.length) return;
    const filter = FILTER.exec(text.slice(i));
    if (filter) {
      const key = (filter[1] as string).toLowerCase();
      i += filter[0].length;
      const [value, next] = readValue(text, i);
      i = next;
      yield { kind: "filter", key, value };
    } else if (text[i] === '"') {
      const [value, next] = readValue(text, i);
      i = next;
      yield { kind: "phrase", value };
    } else {
      const start = i;
      while (i < text.length && !/\s/u.test(text[i] as string)) i++;
      yield { kind: "word", value: text.slice(start, i) };
    }
  }
}

/** A quoted value (to the closing quote, or the end) or a bare one (to the next space). */
function readValue(text: string, start: number): [string, number] {
  if (text[start] === '"') {
    const end = text.indexOf('"', start + 1);
    if (end === -1) return [text.slice(start + 1), text.length];
    return [text.slice(start + 1, end), end + 1];
  }
  let i = start;
  while (i < text.length && !/\s/u.test(text[i] as string)) i++;
  return [text.slice(start, i), i];
}

const FILTER_HELP: Record<string, string> = {
  from: 'from: needs a name or an email, like from:ada or from:"Ada Lovelace".',
  with: 'with: needs a name or an email, like with:ada or with:"Ada Lovelace".',
  in: "in: needs a room's name, like in:#design.",
  before: "before: takes a date as YYYY-MM-DD, like before:2026-03-14.",
  after: "after: takes a date as YYYY-MM-DD, like after:2026-03-14.",
  has: "has: is has:file or has:image.",
};

export function parseSearchQuery(input: unknown): ParsedQuery {
  if (typeof input !== "string") return { ok: false, error: "Type something to search for." };
  const text = normalizeText(input).replaceAll("\u0000", " ").trim();
  if (isInvisible(text)) {
    return { ok: false, error: "Type something to search for." };
  }
  if (text.length > MAX_QUERY_LENGTH) {
    return {
      ok: false,
      error: `Search queries can be at most ${MAX_QUERY_LENGTH} characters (this one has ${text.length.toLocaleString("en")}).`,
    };
  }
  const query: SearchQuery = { terms: [], quoted: [], tokens: [], prefixes: [] };
  for (const piece of pieces(text)) {
    if (piece.kind !== "filter") {
      const tokens = tokensOf(piece.value);
      // Punctuation alone (`*`, `(`, `"`) has nothing to find: it is left out.
      if (tokens.length === 0) continue;
      query.terms.push(piece.value);
      const last = tokens.at(-1) as string;
      // A single character is a word of its own ("a", "x"), not the start of every word.
      const exact = piece.kind === "phrase" || last.length < 2;
      query.quoted.push(exact);
      query.tokens.push(...tokens);
      if (!exact) query.prefixes.push(last);
      continue;
    }
    const key = piece.key as "from" | "with" | "in" | "before" | "after" | "has";
    const value = key === "in" ? piece.value.trim().replace(/^#/, "") : piece.value.trim();
    if (key === "has") {
      const kind = value.toLowerCase();
      if (kind !== "file" && kind !== "image")
        return { ok: false, error: FILTER_HELP.has as string };
      // has:image is the narrower: with both, a message must have an image.
      query.has = query.has === "image" ? "image" : kind;
      continue;
    }
    if (key === "from" || key === "with" || key === "in") {
      if (value === "") return { ok: false, error: FILTER_HELP[key] as string };
      if (query[key] !== undefined && query[key] !== value) {
        return { ok: false, error: `Use ${key}: once per search.` };
      }
      query[key] = value;
      continue;
    }
    const day = dayStart(value);
    if (day === undefined) return { ok: false, error: FILTER_HELP[key] as string };
    if (key === "before") query.before = Math.min(query.before ?? day, day);
    else query.after = Math.max(query.after ?? day + DAY_MS, day + DAY_MS);
  }
  if (query.terms.length === 0) {
    return {
      ok: false,
      error:
        "Type at least one word to search for (letters or digits), not only filters or symbols.",
    };
  }
  if (query.terms.length > MAX_TERMS) {
    return { ok: false, error: `Search for at most ${MAX_TERMS} words or phrases at a time.` };
  }
  if (query.before !== undefined && query.after !== undefined && query.after >= query.before) {
    return { ok: false, error: "No day is both after: and before: those dates: widen the range." };
  }
  query.tokens = [...new Set(query.tokens)];
  query.prefixes = [...new Set(query.prefixes)];
  return { ok: true, query };
}

/**
 * The terms as an FTS5 MATCH expression: each term a double-quoted string (inner quotes
 * doubled), which FTS5 reads as a phrase of its tokens and never as syntax, an unquoted
 * word's followed by `*` (its last token a prefix), all of them (AND), each in the `content`
 * or the `files` column (the attachments' names); and in the `people` column (see the SQLite migrations) the viewer's direct
 * messages and the rooms they search, or only the room of `in:`. Bound as a parameter,
 * never spliced into SQL.
 */
export function fts5Expression(
  terms: string[],
  quoted: boolean[],
  scope: { viewerId: number; roomIds: number[]; onlyRoom?: number },
): string {
  const words = terms
    .map((term, i) => `"${term.replaceAll('"', '""')}"${quoted[i] ? "" : "*"}`)
    .join(" ");
  const people =
    scope.onlyRoom !== undefined
      ? [`room${scope.onlyRoom}`]
      : [`from${scope.viewerId}`, `to${scope.viewerId}`, ...scope.roomIds.map((id) => `room${id}`)];
  return `{content files} : (${words}) AND people : (${people.join(" OR ")})`;
}

const sortSchema = z.enum(["newest", "relevance"], {
  error: "`sort` is newest or relevance.",
});

/**
 * The search's URL parameters, from the API or the page: `q` is checked by
 * parseSearchQuery (to say exactly what is wrong), `before` is a positive integer (an id,
 * or an offset when sorting by relevance), `sort` newest (the default) or relevance.
 * An empty `before` or `sort` (a form's blank field) means none.
 */
export const searchParamsSchema = z.object({
  q: z.string({ error: "Type something to search for." }).default(""),
  before: z.preprocess((value) => (value === "" ? undefined : value), idSchema.optional()),
  sort: z.preprocess((value) => (value === "" ? undefined : value), sortSchema.optional()),
});

/** The first value of each parameter, as a plain object for searchParamsSchema. */
export function firstValues(
  params: URLSearchParams | Record<string, string | string[] | undefined>,
): Record<string, string | undefined> {
  const entries =
    params instanceof URLSearchParams
      ? [...params.keys()].map((key) => [key, params.get(key) ?? undefined] as const)
      : Object.entries(params).map(
          ([key, value]) => [key, Array.isArray(value) ? value[0] : value] as const,
        );
  return Object.fromEntries(entries);
}
