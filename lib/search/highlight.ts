/**
 * A search result's snippet as plain-text segments, the matched words flagged: the page
 * wraps those in <mark>, and nothing from a message is ever read as HTML.
 */
export interface Segment {
  text: string;
  match: boolean;
}

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
/** Characters of context kept before the first match, and the snippet's whole length. */
const LEAD = 60;
const LENGTH = 240;

/** Where the snippet starts and ends: around the first match, cut at spaces when possible. */
function window(content: string, firstMatch: number): [number, number] {
  if (content.length <= LENGTH) return [0, content.length];
  let start = Math.max(0, firstMatch - LEAD);
  if (start > 0) {
    const space = content.indexOf(" ", start);
    if (space !== -1 && space < firstMatch) start = space + 1;
  }
  let end = Math.min(content.length, start + LENGTH);
  if (end < content.length) {
    const space = content.lastIndexOf(" ", end);
    if (space > firstMatch) end = space;
  }
  return [start, end];
}

/**
 * A word's root for highlighting only: without a common English ending ("approvals" ->
 * "approval", "migrations" -> "migrat"), so the words PostgreSQL's stemming found are
 * marked too. Roots shorter than four letters are not trusted.
 */
export function highlightRoot(token: string): string {
  const root = token.replace(/(ations?|ions?|ings?|ments?|ed|es|s)$/u, "");
  return root.length >= 4 && root !== token ? root : token;
}

/**
 * `content` around its first matched word, with every word in `tokens` flagged, and every
 * word starting with one of `prefixes` (or with its root, see highlightRoot).
 */
export function highlight(content: string, tokens: string[], prefixes: string[] = []): Segment[] {
  const wanted = new Set(tokens.map((token) => token.toLowerCase()));
  const starts = [
    ...new Set(
      prefixes.flatMap((prefix) => [prefix, highlightRoot(prefix)].map((p) => p.toLowerCase())),
    ),
  ];
  const matches: [number, number][] = [];
  for (const found of content.matchAll(WORD)) {
    const word = found[0].toLowerCase();
    if (wanted.has(word) || starts.some((start) => word.startsWith(start))) {
      matches.push([found.index, found.index + found[0].length]);
    }
  }
  const [start, end] = window(content, matches[0]?.[0] ?? 0);
  const segments: Segment[] = [];
  const push = (text: string, match: boolean) => {
    if (text === "") return;
    const last = segments.at(-1);
    if (last && last.match === match) last.text += text;
    else segments.push({ text, match });
  };
  if (start > 0) push("…", false);
  let at = start;
  for (const [from, to] of matches) {
    if (to <= start || from >= end) continue;
    push(content.slice(at, from), false);
    push(content.slice(from, to), true);
    at = to;
  }
  push(content.slice(at, end), false);
  if (end < content.length) push("…", false);
  return segments;
}
