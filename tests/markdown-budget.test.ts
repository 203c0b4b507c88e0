import type { Root } from "mdast";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { describe, expect, it } from "vitest";
import {
  fitsMarkdownBudget,
  MAX_INLINE_MARKS,
  MAX_MARKDOWN_LENGTH,
  MAX_NESTING,
} from "@/lib/platform/markdown/budget";
import { MAX_TREE_DEPTH, MarkdownTooDeep, treeDepth } from "@/lib/platform/markdown/depth-guard";
import { chatMarkdown } from "@/lib/platform/markdown/plugins";

const parser = unified().use(remarkParse).use(chatMarkdown).freeze();
const lines = (count: number, line: (level: number) => string) =>
  Array.from({ length: count }, (_, level) => line(level)).join("\n");

/** How deep containers (quotes, lists, list items) really nest once parsed. */
function containerDepth(source: string): number {
  let deepest = 0;
  const pending: [{ type: string; children?: unknown[] }, number][] = [[parser.parse(source), 0]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [node, depth] = next;
    const inside = depth + (node.type === "blockquote" || node.type === "listItem" ? 1 : 0);
    deepest = Math.max(deepest, inside);
    for (const child of (node.children ?? []) as { type: string }[]) {
      pending.push([child, inside]);
    }
  }
  return deepest;
}

describe("the Markdown budget: a pre-scan, before any parsing", () => {
  it.each([
    ["4,999 nested quotes", `${"> ".repeat(4_999)}x`],
    ["3,000 nested list items", `${"- ".repeat(3_000)}x`],
    ["3,000 nested ordered items", `${"1. ".repeat(3_000)}x`],
    ["quotes without spaces", `${">".repeat(9_999)}x`],
    ["quotes, bullets and numbers mixed", `${"> + 12) * ".repeat(800)}x`],
    ["list items nested by indentation", lines(90, (level) => `${"  ".repeat(level)}- x`)],
    ["ordered items nested by indentation", lines(60, (level) => `${"   ".repeat(level)}1. x`)],
    ["items nested by tabs", lines(40, (level) => `${"\t".repeat(level)}- x`)],
    ["quotes continued by indented lists", lines(30, (level) => `>${"  ".repeat(level)}- x`)],
    ["quotes nested over many lines", lines(200, (level) => `${">".repeat(level + 1)} x`)],
    ["21 nested quotes", `${"> ".repeat(21)}x`],
    ["21 nested list items", `${"- ".repeat(21)}x`],
    ["nested emphasis", `${"*".repeat(4_999)}x${"*".repeat(4_999)}`],
    ["interleaved emphasis and strikethrough", `${"*a_~".repeat(2_400)}x`],
    ["open link labels", `${"[".repeat(9_999)}x`],
    ["text past the length bound", "a".repeat(MAX_MARKDOWN_LENGTH + 1)],
  ])("refuses %s", (_name, source) => {
    expect(fitsMarkdownBudget(source)).toBe(false);
  });

  it.each([
    ["plain text", "Lunch at noon? I'll book the usual table."],
    ["formatting", "**bold** _it_ ~~gone~~ `code` [docs](https://example.com) :tada:"],
    [`${MAX_NESTING} nested quotes`, `${"> ".repeat(MAX_NESTING)}x`],
    [`${MAX_NESTING} nested list items`, `${"- ".repeat(MAX_NESTING)}x`],
    ["lists nested by indentation, 10 deep", lines(10, (level) => `${"  ".repeat(level)}- x`)],
    ["a quoted list", "> - one\n>   - two\n>     1. three"],
    ["indented code in a fence", "```\nfunction a() {\n            return 1;\n}\n```"],
    ["numbers that start a line", "2026 was a good year\n10 people came"],
    [`${MAX_INLINE_MARKS} emphasis marks`, "*a* ".repeat(MAX_INLINE_MARKS / 2)],
    ["10,000 characters of text", "lorem ipsum ".repeat(833)],
  ])("accepts %s", (_name, source) => {
    expect(fitsMarkdownBudget(source)).toBe(true);
  });

  it("never lets through a text whose containers nest deeper than the bound", () => {
    // Every way to nest a line: its bound is at least the depth the parser reaches.
    const shapes = [
      (n: number) => `${"> ".repeat(n)}x`,
      (n: number) => `${"- ".repeat(n)}x`,
      (n: number) => `${"1) ".repeat(n)}x`,
      (n: number) => `${"> - ".repeat(Math.ceil(n / 2))}x`,
      (n: number) => lines(n, (level) => `${"  ".repeat(level)}- x`),
      (n: number) => lines(n, (level) => `${"   ".repeat(level)}1. x`),
      (n: number) => lines(n, (level) => `${">".repeat(level + 1)} x`),
      (n: number) => lines(n, (level) => `>${" ".repeat(level * 2 + 1)}- x`),
      (n: number) => lines(n, (level) => `${"\t".repeat(level)}* x`),
    ];
    for (const shape of shapes) {
      for (let n = 1; n <= 40; n++) {
        const source = shape(n);
        if (fitsMarkdownBudget(source)) {
          expect(containerDepth(source), source).toBeLessThanOrEqual(MAX_NESTING);
        }
      }
      expect(fitsMarkdownBudget(shape(40))).toBe(false);
    }
  });
});

describe("the depth guard: a tree too deep never reaches a recursive walk", () => {
  it("measures a tree without recursion, however deep", () => {
    const tree = parser.parse(`${"> ".repeat(4_999)}x`);
    expect(treeDepth(tree)).toBe(5_002);
  });

  it("stops the chat's plugins on a tree deeper than MAX_TREE_DEPTH", () => {
    const source = `a ${"*".repeat(200)}x${"*".repeat(200)}`;
    expect(fitsMarkdownBudget(source)).toBe(true);
    expect(() => parser.runSync(parser.parse(source))).toThrow(MarkdownTooDeep);
  });

  it("lets through a tree at the nesting bound", () => {
    const source = `${"- ".repeat(MAX_NESTING)}**_~~[deep](https://example.com)~~_**`;
    const tree = parser.runSync(parser.parse(source)) as Root;
    expect(treeDepth(tree)).toBeGreaterThan(2 * MAX_NESTING);
    expect(treeDepth(tree)).toBeLessThanOrEqual(MAX_TREE_DEPTH);
  });
});
