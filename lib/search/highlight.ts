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

/** `content` around its first matched word, with every word in `tokens` flagged. */
export function highlight(content: string, tokens: string[]): Segment[] {
  const wanted = new Set(tokens.map((token) => token.toLowerCase()));
  const matches: [number, number][] = [];
  for (const found of content.matchAll(WORD)) {
    if (wanted.has(found[0].toLowerCase())) {
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
