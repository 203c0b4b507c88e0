import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MessageContent } from "@/components/MessageContent";
import { plainText, previewOf } from "@/lib/platform/markdown/plain-text";

const render = (source: string) => renderToStaticMarkup(<MessageContent source={source} />);

function decode(text: string): string {
  return text
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&#x27;", "'")
    .replaceAll("&amp;", "&");
}

/** What a reader sees: the markup's text, entities decoded. */
const textOf = (markup: string) => decode(markup.replace(/<[^>]*>/g, ""));
const count = (markup: string, tag: string) =>
  (markup.match(new RegExp(`<${tag}[\\s>]`, "g")) ?? []).length;

/** Messages of at most 10,000 characters whose structure once broke every page showing them. */
const DEEP: [string, string][] = [
  ["4,999 nested quotes", `${"> ".repeat(4_999)}x`],
  ["3,000 nested list items on one line", `${"- ".repeat(3_000)}x`],
  ["3,000 nested ordered items", `${"1. ".repeat(3_000)}x`],
  ["quotes, bullets and numbers mixed, 2,400 deep", `${"> - 1) ".repeat(1_400)}x`],
  [
    "list items nested by indentation, 90 deep",
    Array.from({ length: 90 }, (_, level) => `${"  ".repeat(level)}- level ${level}`).join("\n"),
  ],
  ["4,999 nested emphasis marks", `${"*".repeat(4_999)}x${"*".repeat(4_999)}`],
  ["emphasis and strikethrough marks interleaved", `${"*a_~".repeat(2_400)}x`],
];

describe("a message nested too deep for Markdown", () => {
  it.each(DEEP)("shows %s as its plain text", (_name, source) => {
    expect(source.length).toBeLessThanOrEqual(10_000);
    const markup = render(source);
    expect(markup).toContain('<p class="whitespace-pre-wrap">');
    expect(textOf(markup)).toBe(source);
    for (const tag of ["blockquote", "ul", "ol", "li", "strong", "em", "del"]) {
      expect(count(markup, tag), tag).toBe(0);
    }
  });

  it.each(DEEP)("previews %s without failing", (_name, source) => {
    const text = plainText(source);
    expect(text).toBe(source.replace(/\s+/g, " ").trim());
    expect(previewOf(source)).toBe(Array.from(text).slice(0, 140).join("").trimEnd());
  });

  it("previews the first 1,000 characters the inbox reads", () => {
    for (const [, source] of DEEP) {
      const snippet = source.slice(0, 1_000);
      expect(previewOf(snippet).length).toBeGreaterThan(0);
    }
  });
});

describe("nesting within the bound still renders as Markdown", () => {
  it("renders 20 nested quotes", () => {
    const markup = render(`${"> ".repeat(20)}deep`);
    expect(count(markup, "blockquote")).toBe(20);
    expect(textOf(markup).trim()).toBe("deep");
  });

  it("renders lists nested by indentation, 10 deep, with formatting inside", () => {
    const source = Array.from(
      { length: 10 },
      (_, level) => `${"  ".repeat(level)}- **level** ${level}`,
    ).join("\n");
    const markup = render(source);
    expect(count(markup, "ul")).toBe(10);
    expect(count(markup, "li")).toBe(10);
    expect(count(markup, "strong")).toBe(10);
  });

  it("renders a quoted list inside a list", () => {
    const markup = render("- one\n  > - quoted item\n  >   1. numbered");
    expect(count(markup, "ul")).toBe(2);
    expect(count(markup, "blockquote")).toBe(1);
    expect(count(markup, "ol")).toBe(1);
  });
});
