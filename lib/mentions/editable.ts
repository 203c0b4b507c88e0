import { storedMention, typedMention } from "@/lib/platform/markdown/mentions";
import { mentionsIn, type Token } from "./parse";

/** `source` with each token replaced by what `replace` makes of it (null keeps it). */
function replaced(source: string, tokens: Token[], replace: (token: Token) => string | null) {
  let result = "";
  let at = 0;
  for (const token of tokens) {
    const replacement = replace(token);
    if (replacement === null) continue;
    result += source.slice(at, token.start) + replacement;
    at = token.end;
  }
  return result + source.slice(at);
}

/**
 * A stored message as the edit box shows it: each mention in the composer's form
 * `@**Name**` rather than `@**Name|id**`. Runs in the browser; only mentions the renderer
 * shows as chips change (not code, not a text past the Markdown budget).
 */
export function editableText(source: string): string {
  const { tokens } = mentionsIn(source);
  return replaced(source, tokens, (token) =>
    token.id === undefined ? null : typedMention(token.name),
  );
}

/**
 * An edit's text with the mentions the earlier text held given back their ids: the edit box
 * shows `@**Name**`, and a name that has since changed or that two members share must still
 * mean the colleague it meant. Names are compared ignoring case; the send's resolution
 * (lib/mentions/prepare.ts) then checks the ids as for any message.
 */
export function keepEarlierMentions(edited: string, earlier: string): string {
  const known = new Map<string, number | null>();
  for (const token of mentionsIn(earlier).tokens) {
    if (token.id === undefined) continue;
    const key = token.name.trim().toLowerCase();
    const seen = known.get(key);
    known.set(key, seen === undefined || seen === token.id ? token.id : null);
  }
  if (known.size === 0) return edited;
  return replaced(edited, mentionsIn(edited).tokens, (token) => {
    if (token.id !== undefined) return null;
    const id = known.get(token.name.trim().toLowerCase());
    return id == null ? null : storedMention(token.name, id);
  });
}
