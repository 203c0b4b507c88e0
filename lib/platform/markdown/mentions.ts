import type { Nodes, Parent, PhrasingContent, Root, Strong, Text } from "mdast";
import { findAndReplace } from "mdast-util-find-and-replace";

/**
 * Mentions in a message's Markdown. A colleague is stored as `@**Name|id**` (Zulip's form):
 * the id says who, whatever their name becomes and whatever spaces it holds; the name is how
 * it read when written. `@**Name**` is what the composer inserts: the server resolves it
 * against the conversation's members and stores the id (lib/mentions/resolve.ts), or keeps it
 * as typed when nobody matches. `@room` addresses every member of a room.
 *
 * The parser does the work: `**...**` after an `@` is a strong node, so code spans, links
 * and escapes mean what they always do, and no mention is found where the renderer would not
 * show one.
 */

/** `Name|id`: a name with no `*`, `|` or line break, then an id. */
const RESOLVED = /^([^*|\n\r]{1,100})\|([1-9]\d{0,9})$/;
const UNRESOLVED = /^[^*|\n\r]{1,100}$/;
const ROOM = /(?<![\w@.])@room\b/g;

/** A mention, stored or typed, anywhere in a text that is not parsed (see readableMentions). */
const STORED = /(?<![\w@.])@\*\*([^*|\n\r]{1,100})(?:\|[1-9]\d{0,9})?\*\*/g;

/**
 * `@**Name|id**` and `@**Name**` as `@Name` (or both as `@**Name**`, with `typed`), without
 * parsing: for text shown as it is (a message past the Markdown budget) and for the edit
 * box, where the composer's form `@**Name**` is what the server resolves again on save.
 */
export function readableMentions(text: string, form: "plain" | "typed" = "plain"): string {
  return text.replace(STORED, (_, name: string) =>
    form === "typed" ? typedMention(name) : `@${name.trim()}`,
  );
}

/** A mention as the tree holds it after remarkMentions. */
export type MentionData = { mentionId: number; mentionName: string } | { mentionRoom: true };

/** Characters a name cannot keep inside a token (they would end it). */
export function tokenName(name: string): string {
  return (
    name
      .replace(/[*|\r\n]+/g, " ")
      .trim()
      .slice(0, 100) || "?"
  );
}

/** What the composer inserts for a colleague. */
export function typedMention(name: string): string {
  return `@**${tokenName(name)}**`;
}

/** The stored form of a mention of colleague `id`. */
export function storedMention(name: string, id: number): string {
  return `@**${tokenName(name)}|${id}**`;
}

function strongText(node: Nodes | undefined): string | undefined {
  if (node?.type !== "strong" || node.children.length !== 1) return undefined;
  const [only] = node.children;
  return only?.type === "text" ? only.value : undefined;
}

/** A text node ending with an `@` that starts a word: the start of a token. */
function endsWithAt(node: Nodes | undefined): node is Text {
  if (node?.type !== "text" || !node.value.endsWith("@")) return false;
  const before = node.value.at(-2);
  return before === undefined || !/[\w@.]/.test(before);
}

function chip(data: MentionData, label: string, source: Strong): Strong {
  const mention = "mentionRoom" in data ? "room" : String(data.mentionId);
  return {
    type: "strong",
    children: [{ type: "text", value: label }],
    position: source.position,
    data: { hName: "span", hProperties: { dataMention: mention }, ...data } as Strong["data"],
  };
}

/**
 * A remark plugin: `@**Name|id**` becomes a chip (a strong node drawn as
 * `<span data-mention="id">@Name</span>`), `@room` a chip of its own. An unresolved
 * `@**Name**` stays bold text, marked (`mentionTyped`) so the server can resolve it.
 */
export function remarkMentions() {
  return (tree: Root) => {
    const pending: Parent[] = [tree];
    for (let parent = pending.pop(); parent; parent = pending.pop()) {
      const children = parent.children as Nodes[];
      for (let i = 0; i < children.length; i++) {
        const node = children[i] as Nodes;
        const previous = children[i - 1];
        const inner = strongText(node);
        if (inner !== undefined && endsWithAt(previous)) {
          const resolved = RESOLVED.exec(inner);
          if (resolved) {
            const [, name = "", id = ""] = resolved;
            previous.value = previous.value.slice(0, -1);
            const data = { mentionId: Number(id), mentionName: name.trim() };
            children[i] = chip(data, `@${name.trim()}`, node as Strong);
            continue;
          }
          if (UNRESOLVED.test(inner)) {
            (node as Strong).data = {
              ...(node as Strong).data,
              mentionTyped: inner.trim(),
            } as Strong["data"];
            continue;
          }
        }
        if ("children" in node && node.type !== "strong") pending.push(node as Parent);
      }
    }
    findAndReplace(
      tree,
      [
        ROOM,
        (): PhrasingContent =>
          chip({ mentionRoom: true }, "@room", { type: "strong", children: [] }) as PhrasingContent,
      ],
      { ignore: (node) => isMention(node as Nodes) },
    );
  };
}

/** Whether a node is a chip made by remarkMentions. */
export function isMention(node: Nodes): boolean {
  const data = (node as { data?: Record<string, unknown> }).data;
  return data !== undefined && ("mentionId" in data || "mentionRoom" in data);
}
