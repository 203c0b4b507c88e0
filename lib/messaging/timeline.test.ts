import { describe, expect, it } from "vitest";
import { continuesGroup, dayKey, dayLabel, GROUP_WINDOW_MS, shortTime } from "./timeline";

const UTC = "UTC";
const noon = Date.UTC(2026, 10, 27, 12, 0);
const minute = 60_000;

describe("the timeline", () => {
  it("groups consecutive messages of one sender within five minutes of each other", () => {
    const first = { senderId: 1, createdAt: noon };
    expect(continuesGroup(undefined, first, UTC)).toBe(false);
    expect(continuesGroup(first, { senderId: 1, createdAt: noon + 4 * minute }, UTC)).toBe(true);
    expect(continuesGroup(first, { senderId: 1, createdAt: noon + GROUP_WINDOW_MS }, UTC)).toBe(
      true,
    );
    expect(continuesGroup(first, { senderId: 1, createdAt: noon + 6 * minute }, UTC)).toBe(false);
    expect(continuesGroup(first, { senderId: 2, createdAt: noon + minute }, UTC)).toBe(false);
  });

  it("never groups across midnight", () => {
    const late = { senderId: 1, createdAt: Date.UTC(2026, 10, 26, 23, 59) };
    const early = { senderId: 1, createdAt: Date.UTC(2026, 10, 27, 0, 1) };
    expect(continuesGroup(late, early, UTC)).toBe(false);
    expect(continuesGroup(late, early, "Asia/Tokyo")).toBe(true);
  });

  it("labels days Today, Yesterday, or by date (with the year when not this one)", () => {
    expect(dayLabel(noon - 11 * 3600_000, noon, UTC)).toBe("Today");
    expect(dayLabel(noon - 13 * 3600_000, noon, UTC)).toBe("Yesterday");
    expect(dayLabel(Date.UTC(2026, 10, 20, 9), noon, UTC)).toMatch(/November 20/);
    expect(dayLabel(Date.UTC(2026, 10, 20, 9), noon, UTC)).not.toMatch(/2026/);
    expect(dayLabel(Date.UTC(2025, 0, 5, 9), noon, UTC)).toMatch(/2025/);
  });

  it("writes the full date when it cannot know today (a server render a cache may serve later)", () => {
    expect(dayLabel(noon - 3600_000, null, UTC)).toMatch(/^\w+day, November 2\d, 2026$/);
  });

  it("reads days and times in the given time zone", () => {
    expect(dayKey(Date.UTC(2026, 10, 27, 23, 30), UTC)).toBe("2026-11-27");
    expect(dayKey(Date.UTC(2026, 10, 27, 23, 30), "Asia/Tokyo")).toBe("2026-11-28");
    expect(shortTime(Date.UTC(2026, 10, 27, 9, 5), UTC)).toMatch(/9:05/);
  });

  it("builds each formatter once per zone, however many timestamps a page shows", () => {
    const Original = Intl.DateTimeFormat;
    let built = 0;
    Intl.DateTimeFormat = class extends Original {
      constructor(...args: ConstructorParameters<typeof Original>) {
        super(...args);
        built++;
      }
    } as typeof Intl.DateTimeFormat;
    try {
      const zone = "Pacific/Auckland";
      const times = Array.from({ length: 50 }, (_, i) => shortTime(noon + i * minute, zone));
      const days = Array.from({ length: 50 }, (_, i) =>
        dayLabel(noon - i * 86_400_000, noon, zone),
      );
      expect(new Set(times).size).toBe(50);
      expect(new Set(days).size).toBe(50);
      // At most one each: the time, the label with and without a year, the day key.
      expect(built).toBeLessThanOrEqual(4);
    } finally {
      Intl.DateTimeFormat = Original;
    }
  });
});
