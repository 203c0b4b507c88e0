import { describe, expect, it } from "vitest";
import { absoluteTime, relativeTime } from "./relative-time";

describe("relativeTime", () => {
  const now = Date.UTC(2026, 10, 26, 12, 0, 0);
  it("says what a chat app says", () => {
    expect(relativeTime(now - 10_000, now, "en")).toBe("just now");
    expect(relativeTime(now + 90_000, now, "en")).toBe("just now");
    expect(relativeTime(now - 2 * 60_000, now, "en")).toBe("2 min. ago");
    expect(relativeTime(now - 3 * 3600_000, now, "en")).toBe("3 hr. ago");
    expect(relativeTime(now - 24 * 3600_000, now, "en")).toBe("yesterday");
    expect(relativeTime(now - 14 * 24 * 3600_000, now, "en")).toBe("2 wk. ago");
  });
});

describe("absoluteTime", () => {
  it("names the moment, not its distance from when the page was written", () => {
    const at = Date.UTC(2026, 11, 2, 7, 48);
    expect(absoluteTime(at)).toBe("Dec 2, 2026, 7:48 AM UTC");
    expect(absoluteTime(at)).not.toMatch(/ago|now/);
  });
});
