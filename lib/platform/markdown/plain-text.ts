import type { Nodes, Root } from "mdast";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { fitsMarkdownBudget } from "./budget";
import { readableMentions } from "./mentions";
import { chatMarkdown } from "./plugins";

/** How many characters a preview shows (inbox, notifications, colleague list, sidebar). */
export const PREVIEW_LENGTH = 140;

/**
 * How much of a message's source a preview reads: enough that the Markdown cut at the end
 * still leaves PREVIEW_LENGTH characters of text after its markup is stripped.
 */
export const PREVIEW_SOURCE_LENGTH = 1_000;

const parser = unified().use(remarkParse).use(chatMarkdown).freeze();

/**
 * A message's Markdown as plain text, for previews: markup stripped (`**hi**` is "hi", a
 * link is its text, code keeps its content), shortcodes turned to emoji, line breaks and
 * paragraphs joined by single spaces. Cut to `maxLength` characters (code points) when
 * given. Runs on the server and in the browser. A text beyond the Markdown budget, or one
 * the parser cannot take, is its source with only the spaces joined (as MessageContent
 * shows it) and its mentions as `@Name`.
 */
export function plainText(source: string, maxLength?: number): string {
  const text = (stripped(source) ?? readableMentions(source)).replace(/\s+/g, " ").trim();
  if (maxLength === undefined) return text;
  const characters = Array.from(text);
  return characters.length > maxLength ? characters.slice(0, maxLength).join("").trimEnd() : text;
}

/** The preview of a message: its plain text, PREVIEW_LENGTH characters at most. */
export function previewOf(source: string): string {
  return plainText(source, PREVIEW_LENGTH);
}

/** Rows whose `snippet` holds message source, with that snippet made a preview. */
export function previewsOf<Row extends { snippet: string }>(rows: Row[]): Row[] {
  return rows.map((row) => ({ ...row, snippet: previewOf(row.snippet) }));
}

/** The text of a message's Markdown, or null when it is not to be parsed as Markdown. */
function stripped(source: string): string | null {
  if (!fitsMarkdownBudget(source)) return null;
  let tree: Root;
  try {
    tree = parser.runSync(parser.parse(source)) as Root;
  } catch {
    return null;
  }
  const parts: string[] = [];
  collect(tree, parts);
  return parts.join("");
}

function collect(node: Nodes, parts: string[]): void {
  switch (node.type) {
    case "text":
    case "inlineCode":
    case "html":
      parts.push(node.value);
      return;
    case "code":
      parts.push(" ", node.value, " ");
      return;
    case "image":
    case "imageReference":
      parts.push(node.alt ?? "");
      return;
    case "break":
      parts.push(" ");
      return;
  }
  if (!("children" in node)) return;
  for (const child of node.children) collect(child, parts);
  // Blocks (paragraphs, quotes, list items) are separated from what follows.
  if (!INLINE.has(node.type)) parts.push(" ");
}

const INLINE = new Set<string>(["emphasis", "strong", "delete", "link", "linkReference"]);
