import { describe, expect, it } from "vitest";
import { PREVIEW_LENGTH, plainText, previewOf } from "./plain-text";

describe("plainText: a message's Markdown as plain text for previews", () => {
  it.each([
    ["**bold** _it_ ~~gone~~ `code`", "bold it gone code"],
    ["> quoted\n\nreply", "quoted reply"],
    ["- one\n- two\n\n1. first\n2. second", "one two first second"],
    ["```js\nconst a = 1;\n```\nafter", "const a = 1; after"],
    ["line one\nline two", "line one line two"],
    [
      "[the docs](https://example.com/docs) and https://example.org",
      "the docs and https://example.org",
    ],
    ["[x](javascript:alert(1))", "x"],
    ["![a cat](https://images.example/cat.png)", "!a cat"],
    ["# not a heading", "# not a heading"],
    ["ship it :tada: :+1: :unknown_code:", "ship it 🎉 👍 :unknown_code:"],
    ["`:smile:` :smile:", ":smile: 😄"],
    ["<script>alert(1)</script>", "<script>alert(1)</script>"],
    ["<b>*x*</b>", "<b>x</b>"],
    ["&lt;b&gt; &amp; \\*stars\\*", "<b> & *stars*"],
    ["\u202eflipped snippet", "\u202eflipped snippet"],
    ["  spaced \n\n\n  out  ", "spaced out"],
  ])("%j -> %j", (source, expected) => {
    expect(plainText(source)).toBe(expected);
  });

  it("shows mentions as @Name, also in a text past the Markdown budget", () => {
    expect(plainText("hi @**Ada Lovelace|12**, and @room")).toBe("hi @Ada Lovelace, and @room");
    // 130 mentions are 520 `*` marks: past the budget, the text is not parsed.
    const many = "@**Ada|12** ".repeat(130);
    expect(plainText(many)).toBe("@Ada ".repeat(130).trimEnd());
    expect(plainText(`a@**Ada|12** \`@**Ada|12**\` ${"*".repeat(600)}`)).toContain("a@**Ada|12**");
  });

  it("cuts at a number of characters, never inside a surrogate pair", () => {
    expect(plainText("**abcdef**", 3)).toBe("abc");
    expect(plainText("😄😄😄", 2)).toBe("😄😄");
    expect(plainText("ab cd", 3)).toBe("ab");
  });

  it("previews at most PREVIEW_LENGTH characters of text, markup not counted", () => {
    const word = "**word** ";
    const preview = previewOf(word.repeat(100));
    expect(preview).toBe("word ".repeat(100).slice(0, PREVIEW_LENGTH).trimEnd());
    expect(preview).not.toContain("*");
  });
});
