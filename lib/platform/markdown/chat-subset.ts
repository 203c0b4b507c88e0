import { gfmAutolinkLiteralFromMarkdown } from "mdast-util-gfm-autolink-literal";
import { gfmStrikethroughFromMarkdown } from "mdast-util-gfm-strikethrough";
import { gfmAutolinkLiteral } from "micromark-extension-gfm-autolink-literal";
import { gfmStrikethrough } from "micromark-extension-gfm-strikethrough";
import type { Processor } from "unified";

/**
 * CommonMark constructs a chat message does not use, switched off in the parser itself, so
 * what they would have matched stays exactly as typed:
 * - raw HTML (`htmlFlow`, `htmlText`): never parsed as HTML, so it is plain text;
 * - images (`labelStartImage`): `![alt](url)` becomes "!" and a link, nothing is loaded;
 * - headings and horizontal rules: a chat line that starts with `#` or `---` means what
 *   it says;
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
  "definition",
];

/**
 * A remark plugin: the chat subset of CommonMark (see DISABLED_CONSTRUCTS) with two GFM
 * extensions, strikethrough and autolinked URLs. The rest of GFM (tables, footnotes, task
 * lists) is left out rather than switched off: remark-gfm would add its parsers and
 * serializers to the page's JavaScript for nothing (about 10 KB gzipped).
 */
export function remarkChatSubset(this: Processor) {
  const data = this.data();
  data.micromarkExtensions ??= [];
  data.micromarkExtensions.push(gfmStrikethrough(), gfmAutolinkLiteral(), {
    disable: { null: DISABLED_CONSTRUCTS },
  });
  data.fromMarkdownExtensions ??= [];
  data.fromMarkdownExtensions.push(
    gfmStrikethroughFromMarkdown(),
    gfmAutolinkLiteralFromMarkdown(),
  );
}
