import { describe, expect, it } from "vitest";
import { acquireStreamSlot, maxStreamsPerUser } from "./stream-limit";

describe("acquireStreamSlot", () => {
  it("gives a user at most `max` slots, and one back per release", () => {
    const releases = Array.from({ length: 3 }, () => acquireStreamSlot(1, 3));
    expect(releases.every(Boolean)).toBe(true);
    expect(acquireStreamSlot(1, 3)).toBeNull();
    expect(acquireStreamSlot(2, 3)).not.toBeNull();
    releases[0]?.();
    releases[0]?.(); // twice: still one slot
    const again = acquireStreamSlot(1, 3);
    expect(again).not.toBeNull();
    expect(acquireStreamSlot(1, 3)).toBeNull();
  });
  it("reads EVENT_STREAMS_PER_USER, 10 by default", () => {
    expect(maxStreamsPerUser(undefined)).toBe(10);
    expect(maxStreamsPerUser("3")).toBe(3);
    expect(maxStreamsPerUser("0")).toBe(10);
  });
});
