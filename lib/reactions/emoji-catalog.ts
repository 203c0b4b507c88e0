import labels from "emojibase-data/en/compact.json";
import shortcodes from "emojibase-data/en/shortcodes/github.json";
import { fromHexcode } from "@/lib/platform/markdown/emoji";

/**
 * The emoji a reaction may be: exactly those the markdown's `:shortcode:`s draw (GitHub's
 * shortcodes from emojibase, lib/platform/markdown/emoji.ts), each with its shortcodes and
 * its English name. The browser loads this module only when the "Add reaction" dialog opens.
 */
export interface EmojiEntry {
  emoji: string;
  shortcodes: string[];
  name: string;
}

let catalog: EmojiEntry[] | undefined;
let known: Set<string> | undefined;

export function emojiCatalog(): EmojiEntry[] {
  catalog ??= build();
  return catalog;
}

/** True for an emoji of the catalog (the server's check on every reaction). */
export function isKnownEmoji(value: string): boolean {
  known ??= new Set(emojiCatalog().map((entry) => entry.emoji));
  return known.has(value);
}

function build(): EmojiEntry[] {
  // Emojibase's full data keys some emoji with U+FE0F, its shortcodes without.
  const nameOf = new Map<string, string>();
  for (const { hexcode, label } of labels as { hexcode: string; label: string }[]) {
    nameOf.set(hexcode.replace(/-FE0F/g, ""), label);
  }
  return Object.entries(shortcodes as Record<string, string | string[]>).map(([hexcode, codes]) => {
    const list = Array.isArray(codes) ? codes : [codes];
    return {
      emoji: fromHexcode(hexcode),
      shortcodes: list,
      name: nameOf.get(hexcode) ?? list[0]?.replace(/_/g, " ") ?? "",
    };
  });
}

/**
 * The entries matching a search (shortcode or name, any case, each word a prefix of one of
 * them), `recent` ones first in their order, then the catalog's order. Empty query: the
 * recent ones, then everything.
 */
export function searchEmoji(query: string, recent: string[], limit = 80): EmojiEntry[] {
  const words = query.toLowerCase().replace(/:/g, " ").trim().split(/\s+/).filter(Boolean);
  const matches = (entry: EmojiEntry) => {
    const terms = [...entry.shortcodes, ...entry.name.toLowerCase().split(/[\s_-]+/)];
    return words.every((word) =>
      terms.some((term) => term.startsWith(word) || (word.length > 2 && term.includes(word))),
    );
  };
  const all = emojiCatalog();
  const byEmoji = new Map(all.map((entry) => [entry.emoji, entry]));
  const first = recent.flatMap((emoji) => {
    const entry = byEmoji.get(emoji);
    return entry && matches(entry) ? [entry] : [];
  });
  const firstSet = new Set(first.map((entry) => entry.emoji));
  const rest = all.filter((entry) => !firstSet.has(entry.emoji) && matches(entry));
  return [...first, ...rest].slice(0, limit);
}
