import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MessageContent } from "@/components/MessageContent";

const render = (source: string) => renderToStaticMarkup(<MessageContent source={source} />);

/** Every element and attribute the renderer may produce: nothing else is ever live. */
const ALLOWED_TAGS = new Set(
  "div p br strong em del code pre blockquote ul ol li a span".split(" "),
);
const ALLOWED_ATTRIBUTES = new Set(["class", "href", "target", "rel"]);
const LINK_ATTRIBUTES = /^(https?:\/\/|mailto:)/;

interface Tag {
  name: string;
  attributes: Record<string, string>;
}

/** The opening tags of static markup, with their attributes (React quotes every value). */
function tagsOf(markup: string): Tag[] {
  return [...markup.matchAll(/<([a-zA-Z][\w:-]*)((?:\s+[^\s=>/]+(?:="[^"]*")?)*)\s*\/?>/g)].map(
    ([, name = "", rest = ""]) => ({
      name: name.toLowerCase(),
      attributes: Object.fromEntries(
        [...rest.matchAll(/\s+([^\s=>/]+)(?:="([^"]*)")?/g)].map(([, key = "", value = ""]) => [
          key.toLowerCase(),
          decode(value),
        ]),
      ),
    }),
  );
}

function decode(text: string): string {
  return text
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&#x27;", "'")
    .replaceAll("&amp;", "&");
}

/** What a reader sees: the markup's text, entities decoded. */
function textOf(markup: string): string {
  return decode(markup.replace(/<[^>]*>/g, ""));
}

/** Only known elements and attributes; every href absolute http(s) or mailto, in a new tab. */
function expectNothingLive(markup: string) {
  // Every `<` a message wrote is escaped, so each raw `<` opens one of our own tags.
  expect(markup.split("<").length - 1).toBe((markup.match(/<\/?[a-z]+[\s>/]/g) ?? []).length);
  for (const tag of tagsOf(markup)) {
    expect(ALLOWED_TAGS, markup).toContain(tag.name);
    for (const [name, value] of Object.entries(tag.attributes)) {
      expect(ALLOWED_ATTRIBUTES, `${name} in ${markup}`).toContain(name);
      if (name === "href") {
        expect(value).toMatch(LINK_ATTRIBUTES);
        expect(tag.attributes.rel).toBe("noopener noreferrer");
        expect(tag.attributes.target).toBe("_blank");
      }
    }
  }
}

function only<T>(items: T[]): T {
  expect(items).toHaveLength(1);
  return items[0] as T;
}

const hrefs = (markup: string) =>
  tagsOf(markup)
    .filter((tag) => tag.name === "a")
    .map((tag) => tag.attributes.href);

describe("MessageContent: the chat subset of Markdown", () => {
  it("renders bold, italics and strikethrough", () => {
    const markup = render("**bold** __also__ *it* _alic_ ~~gone~~ ~one~");
    expect(markup).toContain('<strong class="font-semibold">bold</strong>');
    expect(markup).toContain('<strong class="font-semibold">also</strong>');
    expect(markup).toContain("<em>it</em>");
    expect(markup).toContain("<em>alic</em>");
    expect(markup).toContain('<del class="opacity-80">gone</del>');
    expect(markup).toContain('<del class="opacity-80">one</del>');
    expectNothingLive(markup);
  });

  it("renders inline code, its content untouched", () => {
    const markup = render("run `npm **test** <b>` now");
    const code = only(tagsOf(markup).filter((tag) => tag.name === "code"));
    expect(code.attributes.class).toContain("font-mono");
    expect(markup).toContain(">npm **test** &lt;b&gt;</code>");
    expectNothingLive(markup);
  });

  it("renders fenced code blocks with a language class, and without one", () => {
    const withLanguage = render("```ts\nconst a = 1;\n  indented();\n```");
    expect(withLanguage).toMatch(
      /<pre [^>]*><code class="language-ts">const a = 1;\n {2}indented\(\);\n<\/code><\/pre>/,
    );
    expect(tagsOf(withLanguage).find((tag) => tag.name === "pre")?.attributes.class).toContain(
      "overflow-x-auto",
    );
    const plain = render("~~~\n**not bold**\n~~~");
    expect(plain).toContain("**not bold**");
    expect(plain).not.toContain("<strong");
    expectNothingLive(withLanguage);
    expectNothingLive(plain);
  });

  it("renders block quotes, nested content included", () => {
    const markup = render("> quoted **text**\n> second line\n\nafter");
    expect(markup).toMatch(/<blockquote class="[^"]*border-l-4[^"]*">\s*<p[^>]*>quoted <strong/);
    expect(markup).toContain("second line");
    expect(markup).toMatch(/<\/blockquote>\s*<p[^>]*>after<\/p>/);
    expectNothingLive(markup);
  });

  it("renders unordered and ordered lists", () => {
    const markup = render("- one\n- two\n\n1. first\n2. second\n\n* star");
    expect(markup).toMatch(/<ul class="[^"]*list-disc[^"]*">\s*<li>one<\/li>\s*<li>two<\/li>/);
    expect(markup).toMatch(
      /<ol class="[^"]*list-decimal[^"]*">\s*<li>first<\/li>\s*<li>second<\/li>/,
    );
    expect(markup).toContain("<li>star</li>");
    expectNothingLive(markup);
  });

  it("keeps single newlines as line breaks, as chat apps do", () => {
    const markup = render("line one\nline two\n\nnext paragraph");
    expect(markup).toMatch(/line one<br\/>\s*line two<\/p>/);
    expect(markup.match(/<p /g)).toHaveLength(2);
  });

  it("autolinks http, https, www and e-mail addresses into new tabs with noopener", () => {
    const markup = render(
      "see https://example.com/a?b=1 and http://plain.example, www.example.org or ada@example.com",
    );
    expect(hrefs(markup)).toEqual([
      "https://example.com/a?b=1",
      "http://plain.example/",
      "http://www.example.org/",
      "mailto:ada@example.com",
    ]);
    expect(markup).toContain(">https://example.com/a?b=1</a>");
    expectNothingLive(markup);
  });

  it("renders Markdown links to http(s) and mailto, dropping titles", () => {
    const markup = render(
      '[the docs](https://example.com/docs "Title") [mail](mailto:a@b.example)',
    );
    expect(hrefs(markup)).toEqual(["https://example.com/docs", "mailto:a@b.example"]);
    expect(markup).not.toContain("Title");
    expectNothingLive(markup);
  });

  it("never loads images: image syntax is a plain link", () => {
    const markup = render("![a cat](https://images.example/cat.png)");
    expect(markup).not.toContain("<img");
    expect(textOf(markup)).toBe("!a cat");
    expect(hrefs(markup)).toEqual(["https://images.example/cat.png"]);
    expectNothingLive(markup);
    const reference = render("![cat][pic]\n\n[pic]: https://images.example/cat.png");
    expect(reference).not.toContain("<img");
    expectNothingLive(reference);
  });

  it("leaves headings, rules, tables, footnotes, task boxes and indented code as typed", () => {
    const source = [
      "# Not a heading",
      "Setext?",
      "===",
      "---",
      "| a | b |",
      "|---|---|",
      "note[^1]",
      "[^1]: the note",
      "[ref]: https://example.com",
    ].join("\n");
    const markup = render(source);
    expect(textOf(markup).replaceAll("\n", "")).toBe(source.replaceAll("\n", ""));
    expect(markup).not.toMatch(/<(h\d|hr|table|sup|section|input)/);
    expectNothingLive(markup);
    expect(render("- [ ] task")).toContain("<li>[ ] task</li>");
    const indented = render("text\n\n    four spaces");
    expect(indented).not.toContain("<pre");
    expect(textOf(indented)).toContain("four spaces");
  });
});

describe("MessageContent: :shortcode: emoji", () => {
  it("turns known shortcodes into emoji", () => {
    const text = textOf(render(":smile: :+1: :tada: :-1: :heart: :rocket:"));
    expect(text).toBe("😄 👍 🎉 👎 ❤️ 🚀");
  });

  it("leaves unknown shortcodes and lookalikes as typed", () => {
    for (const typed of [":not_an_emoji:", "at 10:30:45", "a :: b", ": smile :", ":smile"]) {
      expect(textOf(render(typed))).toBe(typed);
    }
  });

  it("does not touch code, inline or fenced", () => {
    expect(textOf(render("`:smile:` :smile:"))).toBe(":smile: 😄");
    expect(render("```\n:tada:\n```")).toContain(">:tada:\n</code>");
  });

  it("works inside formatting and link text", () => {
    const markup = render("**:tada: done** [:+1:](https://example.com)");
    expect(markup).toContain('<strong class="font-semibold">🎉 done</strong>');
    expect(markup).toMatch(/>👍<\/a>/);
  });
});

/**
 * Hostile input, each shown as text: no element, attribute or URL of its own becomes live.
 * The first ones are reliability/hostile-input.test.ts's; the rest are the classic vectors.
 */
const HOSTILE: string[] = [
  `<script>window.__pwned = "script"</script>`,
  `<img src=x onerror="window.__pwned = 'img'">`,
  "<script>alert(1)</script>",
  "Mallory \u202eevil\u202c",
  "<img src=x onerror=alert(1)>",
  '<svg onload="alert(1)"><circle r="1"/></svg>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<a href="javascript:alert(1)">click</a>',
  '<a href="https://example.com" onclick="alert(1)">click</a>',
  '<div onmouseover="alert(1)" style="position:fixed;inset:0">x</div>',
  "<style>body { display: none }</style>",
  '<object data="data:text/html,<script>alert(1)</script>"></object>',
  '<embed src="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><button>go</button></form>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<math><mtext><table><mglyph><style><img src=x onerror="alert(1)">',
  "<<script>script>alert(1)<</script>/script>",
  "<scr<script>ipt>alert(1)</script>",
  "<!-- comment --><script>alert(1)</script>",
  "<![CDATA[<script>alert(1)</script>]]>",
  '<details open ontoggle="alert(1)">',
  "[x](javascript:alert(1))",
  "[x](JaVaScRiPt:alert(1))",
  "[x]( javascript:alert(1) )",
  "[x](<javascript:alert(1)>)",
  "[x](&#106;avascript:alert(1))",
  "[x](javascript&#58;alert(1))",
  "[x](&#x6A;avascript&colon;alert(1))",
  "[x](java%0ascript:alert(1))",
  "[x](vbscript:msgbox(1))",
  "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "[x](data:image/svg+xml,<svg onload=alert(1)>)",
  "[x](file:///etc/passwd)",
  "[x](//evil.example/path)",
  "[x](/relative)",
  "<javascript:alert(1)>",
  "<JAVASCRIPT:alert(1)>",
  "<data:text/html,<script>alert(1)</script>>",
  "javascript:alert(1)",
  "www.example.com/javascript:alert(1)",
  "![x](javascript:alert(1))",
  '![x](https://evil.example/x.png" onerror="alert(1))',
  "[![x](https://evil.example/track.png)](javascript:alert(1))",
  "[<img src=x onerror=alert(1)>](https://example.com)",
  "**<img src=x onerror=alert(1)>**",
  "> <script>alert(1)</script>",
  "- <iframe src=javascript:alert(1)>",
  "```html\n<script>alert(1)</script>\n```",
  "`<script>alert(1)</script>`",
  '[x](https://example.com "a" onmouseover="alert(1)")',
  "[x][evil]\n\n[evil]: javascript:alert(1)",
  "&lt;script&gt;alert(1)&lt;/script&gt;",
  "&#60;img src=x onerror=alert(1)&#62;",
  "\\<script>alert(1)\\</script>",
  '"><script>alert(1)</script>',
  "' onmouseover='alert(1)",
];

describe("MessageContent: hostile input is text", () => {
  it.each(HOSTILE)("%j", (source) => {
    const markup = render(source);
    expectNothingLive(markup);
    expect(markup).not.toMatch(/<(script|img|svg|iframe|object|embed|form|style|meta|base)/i);
    for (const href of hrefs(markup)) {
      expect(["http:", "https:", "mailto:"]).toContain(new URL(href ?? "").protocol);
    }
  });

  it("shows raw HTML exactly as typed", () => {
    for (const source of HOSTILE.slice(0, 23)) expect(textOf(render(source))).toBe(source);
  });

  it("shows the text of a link it will not follow, not a link", () => {
    const markup = render("[click me](javascript:alert(1)) <javascript:alert(1)>");
    expect(hrefs(markup)).toEqual([]);
    expect(textOf(markup)).toBe("click me javascript:alert(1)");
  });
});

describe("a text rendered again", () => {
  it("comes from the cache unchanged, and never as another text", () => {
    const first = render("**bold** and [a link](https://example.com) :tada:");
    const other = render("**bold** and [a link](javascript:alert(1)) :tada:");
    expect(render("**bold** and [a link](https://example.com) :tada:")).toBe(first);
    expect(other).not.toBe(first);
    expect(other).not.toContain("javascript:");
    // Two of the same text on one page render alike, each in its own wrapper.
    const twice = renderToStaticMarkup(
      <>
        <MessageContent source="*same*" />
        <MessageContent source="*same*" />
      </>,
    );
    expect(twice).toBe(`${render("*same*")}${render("*same*")}`);
    expect(twice.match(/<em>same<\/em>/g)).toHaveLength(2);
  });
});
