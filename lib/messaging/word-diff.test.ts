import { describe, expect, it } from "vitest";
import { wordDiff } from "./word-diff";

describe("wordDiff", () => {
  it("marks added and removed words and keeps the rest", () => {
    expect(wordDiff("the quick brown fox", "the slow brown fox jumps")).toEqual([
      { kind: "same", text: "the " },
      { kind: "removed", text: "quick" },
      { kind: "added", text: "slow" },
      { kind: "same", text: " brown fox" },
      { kind: "added", text: " jumps" },
    ]);
  });

  it("rebuilds both texts exactly", () => {
    const before = "a b  c\nd";
    const after = "a x c\nd e";
    const parts = wordDiff(before, after);
    const text = (kinds: string[]) =>
      parts
        .filter((p) => kinds.includes(p.kind))
        .map((p) => p.text)
        .join("");
    expect(text(["same", "removed"])).toBe(before);
    expect(text(["same", "added"])).toBe(after);
  });

  it("treats identical texts as unchanged", () => {
    expect(wordDiff("same words", "same words")).toEqual([{ kind: "same", text: "same words" }]);
  });
});
