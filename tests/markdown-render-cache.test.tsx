import { renderToStaticMarkup } from "react-dom/server";
import remarkBreaks from "remark-breaks";
import { describe, expect, it, vi } from "vitest";
import { MessageContent } from "@/components/MessageContent";

// remark-breaks is the renderer's own plugin: its attacher runs once per parse.
vi.mock("remark-breaks", async (importOriginal) => {
  const original = await importOriginal<typeof import("remark-breaks")>();
  return { default: vi.fn(original.default) };
});

const render = (source: string) => renderToStaticMarkup(<MessageContent source={source} />);

describe("a message that cannot be rendered as Markdown", () => {
  it("is parsed once, then its plain text comes from the cache", () => {
    // Within the pre-scan's budget, but its formatting nests deeper than the tree may.
    const source = `a ${"*".repeat(200)}x${"*".repeat(200)}`;
    const parses = vi.mocked(remarkBreaks);
    parses.mockClear();
    const first = render(source);
    expect(first).toContain('<p class="whitespace-pre-wrap">');
    expect(first).not.toContain("<strong");
    expect(parses).toHaveBeenCalledTimes(1);
    for (let visit = 0; visit < 3; visit++) expect(render(source)).toBe(first);
    expect(parses).toHaveBeenCalledTimes(1);
  });

  it("is never parsed when the pre-scan refuses it", () => {
    const parses = vi.mocked(remarkBreaks);
    parses.mockClear();
    const source = `${"> ".repeat(4_999)}x`;
    expect(render(source)).toContain(">&gt; &gt; &gt;");
    expect(render(source)).toContain("x</p>");
    expect(parses).not.toHaveBeenCalled();
  });

  it("parses a message within bounds once too", () => {
    const parses = vi.mocked(remarkBreaks);
    parses.mockClear();
    const source = "> - **fine** and _dandy_";
    const first = render(source);
    expect(first).toContain("<blockquote");
    expect(render(source)).toBe(first);
    expect(parses).toHaveBeenCalledTimes(1);
  });
});
