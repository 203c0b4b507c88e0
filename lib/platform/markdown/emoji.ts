import shortcodes from "emojibase-data/en/shortcodes/github.json";
import type { Root } from "mdast";
import { findAndReplace } from "mdast-util-find-and-replace";

/** GitHub's shortcode names (Slack's, mostly): letters, digits, `_`, `-` and `+` (`:+1:`). */
const SHORTCODE = /:([a-z0-9_+-]+):/gi;

let byName: Map<string, string> | undefined;

/** The emoji of a shortcode name (`smile`, `+1`, `tada`), or undefined when it has none. */
export function emojiFor(name: string): string | undefined {
  byName ??= buildIndex();
  return byName.get(name.toLowerCase());
}

function buildIndex(): Map<string, string> {
  const index = new Map<string, string>();
  for (const [hexcode, names] of Object.entries(shortcodes as Record<string, string | string[]>)) {
    const emoji = fromHexcode(hexcode);
    for (const name of Array.isArray(names) ? names : [names]) index.set(name, emoji);
  }
  return index;
}

/**
 * Emojibase keys its shortcodes by code points without the emoji presentation selector:
 * a lone symbol from the older blocks (U+2764 heart, U+2600 sun) needs U+FE0F to be drawn
 * as an emoji rather than as a text glyph.
 */
export function fromHexcode(hexcode: string): string {
  const points = hexcode.split("-").map((hex) => Number.parseInt(hex, 16));
  const [first] = points;
  if (points.length === 1 && first !== undefined && first < 0x1f000) points.push(0xfe0f);
  return String.fromCodePoint(...points);
}

/**
 * A remark plugin: shortcodes in text become emoji. Code (inline and fenced) is not text
 * in the syntax tree, so `:smile:` inside backticks stays as typed.
 */
export function remarkEmoji() {
  return (tree: Root) => {
    findAndReplace(tree, [SHORTCODE, (_typed: string, name: string) => emojiFor(name) ?? false]);
  };
}
