import { describe, expect, it } from "vitest";
import { createLru } from "./lru";

describe("a least-recently-used cache", () => {
  it("keeps at most its limit, forgetting the entry used longest ago", () => {
    const lru = createLru<string, number>(2);
    lru.set("a", 1);
    lru.set("b", 2);
    expect(lru.get("a")).toBe(1); // "a" is now the most recent
    lru.set("c", 3);
    expect(lru.get("b")).toBeUndefined();
    expect(lru.get("a")).toBe(1);
    expect(lru.get("c")).toBe(3);
    lru.delete("a");
    expect(lru.get("a")).toBeUndefined();
  });
});
