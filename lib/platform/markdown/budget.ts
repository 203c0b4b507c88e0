/**
 * What a message may hold and still be parsed as Markdown. Past these bounds the parser's
 * work grows far faster than the text (3,000 nested list items took 10 s, a 5,000-deep
 * quote overflowed the stack of every tree walk after it), so such a message is shown as
 * its plain text instead. The bounds are structural, so the decision costs no parsing.
 */

/** Containers (quotes, list items) inside one another. */
export const MAX_NESTING = 20;

/**
 * Emphasis, strikethrough and link-label marks (`*`, `_`, `~`, `[`): the parser pairs them
 * up by looking back over the ones still open, so its time grows with their square.
 */
export const MAX_INLINE_MARKS = 500;

/** Far beyond any message (10,000 characters at most): a bound of its own for the renderer. */
export const MAX_MARKDOWN_LENGTH = 20_000;

const NEWLINE = 10;
const RETURN = 13;
const SPACE = 32;
const TAB = 9;

/**
 * Whether `source` may be parsed as Markdown: one pass over the text, no parsing.
 *
 * Each line's nesting is bounded from its prefix alone. A line can only open a container
 * with a marker (`>`, `-`, `+`, `*`, `1.` or `1)`), and every container it continues is
 * matched there too: a quote by a `>`, a list item by indentation at least as wide as its
 * marker plus a space (two columns or more). So the markers in the prefix plus half of its
 * indentation (the one space that belongs to a marker not counted) is never less than the
 * depth the line reaches; it may be more, which only errs towards plain text.
 */
export function fitsMarkdownBudget(source: string): boolean {
  if (source.length > MAX_MARKDOWN_LENGTH) return false;
  let marks = 0;
  let inPrefix = true;
  let markers = 0;
  let columns = 0;
  let afterMarker = false;
  for (let i = 0; i < source.length; i++) {
    const code = source.charCodeAt(i);
    if (code === NEWLINE || code === RETURN) {
      inPrefix = true;
      markers = 0;
      columns = 0;
      afterMarker = false;
      continue;
    }
    if (isInlineMark(code) && ++marks > MAX_INLINE_MARKS) return false;
    if (!inPrefix) continue;
    const spaceOfMarker = afterMarker;
    afterMarker = false;
    if (code === SPACE) columns += spaceOfMarker ? 0 : 1;
    else if (code === TAB) columns += 4;
    else if (isBulletOrQuote(code)) {
      markers += 1;
      afterMarker = true;
    } else if (isDigit(code)) {
      // `1.` or `1)` is a marker (its digits are skipped); other digits start the text.
      let end = i;
      while (end < source.length && isDigit(source.charCodeAt(end))) end++;
      const after = source.charCodeAt(end);
      if (after !== 46 && after !== 41) {
        inPrefix = false;
        continue;
      }
      markers += 1;
      afterMarker = true;
      i = end;
    } else {
      inPrefix = false;
      continue;
    }
    if (markers + Math.floor(columns / 2) > MAX_NESTING) return false;
  }
  return true;
}

/** `*`, `_`, `~`, `[`. */
function isInlineMark(code: number): boolean {
  return code === 42 || code === 95 || code === 126 || code === 91;
}

/** `>`, `-`, `+`, `*`. */
function isBulletOrQuote(code: number): boolean {
  return code === 62 || code === 45 || code === 43 || code === 42;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
