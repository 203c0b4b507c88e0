import type { Nodes, Root } from "mdast";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { fitsMarkdownBudget } from "@/lib/platform/markdown/budget";
import { storedMention, typedMention } from "@/lib/platform/markdown/mentions";
import { chatMarkdown } from "@/lib/platform/markdown/plugins";

/**
 * The mentions a message holds, found by the same parser that renders it: what is shown as
 * a chip is what notifies, and nothing else (not code, not a message shown as plain text).
 */

/** More distinct people than this in one message are not mentions (hostile input). */
export const MAX_MENTIONS = 50;

export interface Token {
  /** Where the token (`@` included) starts and ends in the source. */
  start: number;
  end: number;
  name: string;
  /** The id of a stored mention; undefined for one typed by name, still to resolve. */
  id?: number;
}

export interface Mentions {
  tokens: Token[];
  /** The user ids of the stored mentions (at most MAX_MENTIONS). */
  userIds: number[];
  room: boolean;
}

const parser = unified().use(remarkParse).use(chatMarkdown).freeze();
const NONE: Mentions = { tokens: [], userIds: [], room: false };

/** Cheap test first: almost no message has an `@`. */
export function mentionsIn(source: string): Mentions {
  if (!source.includes("@") || !fitsMarkdownBudget(source)) return NONE;
  let tree: Root;
  try {
    tree = parser.runSync(parser.parse(source)) as Root;
  } catch {
    return NONE;
  }
  const found: Mentions = { tokens: [], userIds: [], room: false };
  const ids = new Set<number>();
  const pending: Nodes[] = [tree];
  for (let node = pending.pop(); node; node = pending.pop()) {
    const data = (node as { data?: Record<string, unknown> }).data ?? {};
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (data.mentionRoom) found.room = true;
    else if (typeof data.mentionId === "number" && start !== undefined && end !== undefined) {
      if (ids.size < MAX_MENTIONS) ids.add(data.mentionId);
      const name = String(data.mentionName);
      found.tokens.push({ start: start - 1, end, name, id: data.mentionId });
    } else if (typeof data.mentionTyped === "string" && start !== undefined && end !== undefined) {
      found.tokens.push({ start: start - 1, end, name: data.mentionTyped });
    } else if ("children" in node) pending.push(...(node.children as Nodes[]));
  }
  found.tokens.sort((a, b) => a.start - b.start);
  found.userIds = [...ids];
  return found;
}

export interface Member {
  id: number;
  name: string;
}

/**
 * The source with every token resolved against `members`: a name matching exactly one
 * member (ignoring case) or a member's id becomes that member's stored mention (with their
 * current name); anything else is left as `@**Name**`, bold text that mentions nobody.
 */
export function resolveTokens(source: string, tokens: Token[], members: Member[]): string {
  if (tokens.length === 0) return source;
  const byId = new Map(members.map((m) => [m.id, m]));
  const byName = new Map<string, Member | null>();
  for (const member of members) {
    const key = member.name.trim().toLowerCase();
    byName.set(key, byName.has(key) ? null : member);
  }
  let result = "";
  let at = 0;
  for (const token of [...tokens].sort((a, b) => a.start - b.start)) {
    const member =
      token.id !== undefined ? byId.get(token.id) : byName.get(token.name.toLowerCase());
    result += source.slice(at, token.start);
    result += member ? storedMention(member.name, member.id) : typedMention(token.name);
    at = token.end;
  }
  return result + source.slice(at);
}
