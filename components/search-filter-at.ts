/** A filter being typed at the caret: `from:om`, `with:"Ada L`, `in:#des`. */
export interface FilterAtCaret {
  key: "from" | "with" | "in";
  /** What is typed after the colon, without quotes or a room's `#`. */
  partial: string;
  /** Where the filter starts and ends in the text: the part a suggestion replaces. */
  start: number;
  end: number;
}

const TYPING = /(^|\s)(from|with|in):("?)([^"\s]*)$/i;

/** The filter whose value the caret is in, if any. */
export function filterAtCaret(text: string, caret: number): FilterAtCaret | undefined {
  const match = TYPING.exec(text.slice(0, caret));
  if (!match) return undefined;
  const start = match.index + (match[1] as string).length;
  let end = caret;
  while (end < text.length && !/\s/u.test(text[end] as string)) end++;
  const key = (match[2] as string).toLowerCase() as FilterAtCaret["key"];
  const partial = (match[4] as string).replace(key === "in" ? /^#/ : /^$/, "");
  return { key, partial, start, end };
}

/** The text with the filter replaced by `key:value` and a space, and the caret after it. */
export function withFilter(
  text: string,
  at: FilterAtCaret,
  value: string,
): { text: string; caret: number } {
  const inserted = `${at.key}:${value} `;
  const rest = text.slice(at.end).replace(/^\s+/u, "");
  return { text: text.slice(0, at.start) + inserted + rest, caret: at.start + inserted.length };
}
