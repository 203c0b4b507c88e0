import { describe, expect, it } from "vitest";
import { replayDedupe } from "./replay-dedupe";

describe("replayDedupe", () => {
  it("drops an id met twice around a replay, also after the replay settled", () => {
    const dedupe = replayDedupe(true);
    expect(dedupe.first("1-0")).toBe(true); // from the replay
    expect(dedupe.first("2-0")).toBe(true); // arrived while the replay was read
    expect(dedupe.first("2-0")).toBe(false);
    dedupe.settle();
    expect(dedupe.first("1-0")).toBe(false); // the replayed event's late live copy
    expect(dedupe.first(undefined)).toBe(true);
  });

  it("remembers nothing once settled, however many events a stream carries", () => {
    const dedupe = replayDedupe(true);
    dedupe.first("1-0");
    dedupe.settle();
    for (let i = 2; i < 10_000; i++) expect(dedupe.first(`${i}-0`)).toBe(true);
    expect(dedupe.remembered).toBe(1);
  });

  it("remembers nothing for a stream that does not resume", () => {
    const dedupe = replayDedupe(false);
    for (let i = 0; i < 1_000; i++) dedupe.first(`${i}-0`);
    expect(dedupe.remembered).toBe(0);
  });
});
