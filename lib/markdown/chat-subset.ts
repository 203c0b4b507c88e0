import type { Processor } from "unified";

/**
 * Markdown constructs a chat message does not use, switched off in the parser itself, so
 * what they would have matched stays exactly as typed:
 * - raw HTML (`htmlFlow`, `htmlText`): never parsed as HTML, so it is plain text;
 * - images (`labelStartImage`): `![alt](url)` becomes "!" and a link, nothing is loaded;
 * - headings, horizontal rules, tables, footnotes and task-list checkboxes: a chat line
 *   that starts with `#`, `---` or `[ ]` means what it says;
 * - indented code: four leading spaces are not a code block (fenced code is);
 * - link reference definitions: a line `[1]: note` would vanish from the message.
 */
export const DISABLED_CONSTRUCTS = [
  "htmlFlow",
  "htmlText",
  "labelStartImage",
  "headingAtx",
  "setextUnderline",
  "thematicBreak",
  "codeIndented",
  "table",
  "gfmFootnoteDefinition",
  "gfmFootnoteCall",
  "gfmPotentialFootnoteCall",
  "tasklistCheck",
  "definition",
];

/** A remark plugin: the chat subset of CommonMark and GFM (see DISABLED_CONSTRUCTS). */
export function remarkChatSubset(this: Processor) {
  const data = this.data();
  data.micromarkExtensions ??= [];
  data.micromarkExtensions.push({ disable: { null: DISABLED_CONSTRUCTS } });
}
