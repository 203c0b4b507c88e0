import { describe, expect, it } from "vitest";
import { highlight } from "./highlight";
import { fts5Expression, MAX_QUERY_LENGTH, parseSearchQuery } from "./query";

function parsed(q: string) {
  const result = parseSearchQuery(q);
  if (!result.ok) throw new Error(result.error);
  return result.query;
}

function error(q: unknown) {
  const result = parseSearchQuery(q);
  if (result.ok) throw new Error(`expected an error for ${JSON.stringify(q)}`);
  return result.error;
}

describe("parseSearchQuery", () => {
  it("reads words, quoted phrases and filters, in any order", () => {
    expect(
      parsed(
        'deploy "release notes" from:ada with:"Grace Hopper" before:2026-03-14 after:2026-01-01',
      ),
    ).toEqual({
      terms: ["deploy", "release notes"],
      quoted: [false, true],
      tokens: ["deploy", "release", "notes"],
      prefixes: ["deploy"],
      from: "ada",
      with: "Grace Hopper",
      before: Date.UTC(2026, 2, 14),
      after: Date.UTC(2026, 0, 2),
    });
  });

  it("takes filter names in any case, and keeps unknown key:value pairs as text", () => {
    expect(parsed("FROM:ada Before:2026-01-01 status:done")).toMatchObject({
      terms: ["status:done"],
      tokens: ["status", "done"],
      from: "ada",
    });
  });

  it("keeps an unterminated phrase to the end, and drops symbol-only pieces", () => {
    expect(parsed('"half open phrase').terms).toEqual(["half open phrase"]);
    expect(parsed('word * ( ) " : -').terms).toEqual(["word"]);
  });

  it("refuses what it cannot search for, saying why", () => {
    expect(error("")).toBe("Type something to search for.");
    expect(error(" \n\t ")).toBe("Type something to search for.");
    expect(error(42)).toBe("Type something to search for.");
    expect(error("a".repeat(MAX_QUERY_LENGTH + 1))).toBe(
      "Search queries can be at most 500 characters (this one has 501).",
    );
    expect(parsed("a".repeat(MAX_QUERY_LENGTH)).terms).toHaveLength(1);
    expect(error("from:ada")).toMatch(/at least one word/);
    expect(error("*** ((")).toMatch(/at least one word/);
    expect(error("word before:2026-13-01")).toMatch(/^before: takes a date as YYYY-MM-DD/);
    expect(error("word after:2026-02-29")).toMatch(/^after: takes a date/);
    expect(error("word after:01/02/2026")).toMatch(/^after: takes a date/);
    expect(error("word with:")).toMatch(/^with: needs a name/);
    expect(error('word from:""')).toMatch(/^from: needs a name/);
    expect(error("word from:ada from:bo")).toBe("Use from: once per search.");
    expect(error("word after:2026-03-02 before:2026-03-03")).toMatch(/No day is both/);
    expect(error(Array.from({ length: 21 }, (_, i) => `w${i}`).join(" "))).toMatch(/at most 20/);
  });

  it("reads in:#room with or without its #, and asks for a name", () => {
    expect(parsed("word in:#Design").in).toBe("Design");
    expect(parsed("word in:design").in).toBe("design");
    expect(error("word in:#")).toMatch(/^in: needs a room's name/);
    expect(error("word in:a in:b")).toBe("Use in: once per search.");
  });

  it("takes each word's last token as a prefix, never a quoted phrase's", () => {
    expect(parsed('approv "release notes" status:don a x-y')).toMatchObject({
      quoted: [false, true, false, true, true],
      prefixes: ["approv", "don"],
    });
  });

  it("accepts a leap day and one-day ranges", () => {
    expect(parsed("word after:2028-02-29").after).toBe(Date.UTC(2028, 2, 1));
    expect(parsed("word after:2026-03-01 before:2026-03-03")).toMatchObject({
      after: Date.UTC(2026, 2, 2),
      before: Date.UTC(2026, 2, 3),
    });
  });
});

describe("fts5Expression", () => {
  it("quotes every term, doubling inner quotes, so nothing is an operator", () => {
    expect(
      fts5Expression(["NEAR(a", 'say"hi', "OR", "x*"], [false, false, true, false], {
        viewerId: 7,
        roomIds: [],
      }),
    ).toBe('{content files} : ("NEAR(a"* "say""hi"* "OR" "x*"*) AND people : (from7 OR to7)');
  });

  it("names the rooms searched, or only the room of in:", () => {
    expect(fts5Expression(["x"], [true], { viewerId: 7, roomIds: [3, 4] })).toBe(
      '{content files} : ("x") AND people : (from7 OR to7 OR room3 OR room4)',
    );
    expect(fts5Expression(["x"], [true], { viewerId: 7, roomIds: [3, 4], onlyRoom: 4 })).toBe(
      '{content files} : ("x") AND people : (room4)',
    );
  });
});

describe("highlight", () => {
  it("flags every matched word, in any case, as text segments", () => {
    expect(highlight("Deploy <b>now</b>, deploy!", ["deploy", "now"])).toEqual([
      { text: "Deploy", match: true },
      { text: " <b>", match: false },
      { text: "now", match: true },
      { text: "</b>, ", match: false },
      { text: "deploy", match: true },
      { text: "!", match: false },
    ]);
  });

  it("cuts a long message around the first match", () => {
    const content = `${"lead ".repeat(100)}needle ${"tail ".repeat(100)}`;
    const segments = highlight(content, ["needle"]);
    expect(segments[0]?.text.startsWith("…")).toBe(true);
    expect(segments.at(-1)?.text.endsWith("…")).toBe(true);
    expect(segments.filter((s) => s.match).map((s) => s.text)).toEqual(["needle"]);
    expect(segments.map((s) => s.text).join("").length).toBeLessThan(260);
  });
});
