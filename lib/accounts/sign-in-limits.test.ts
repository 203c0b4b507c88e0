import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { recordSignInFailure, recordSignInSuccess, signInGate } from "./sign-in-limits";

// The defaults: 5 per email and address, 50 per address, 100 per email, slowdown after 5.
describe("sign-in limits", () => {
  const now = 1_000_000;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(now);
  });
  afterEach(() => vi.useRealTimers());

  it("blocks an address for an email after 5 failures, but not the owner elsewhere", async () => {
    const email = "victim@cairo.test";
    for (let i = 0; i < 5; i++) await recordSignInFailure(email, "10.0.0.1");
    expect(await signInGate(email, "10.0.0.1")).toEqual({ limited: true });
    const owner = await signInGate(email, "10.0.0.2");
    expect(owner.limited).toBe(false);
    // ...who waits a little instead: a slowdown, not a block.
    expect(owner.limited === false && owner.delayMs).toBe(500);
    expect(await signInGate("someone.else@cairo.test", "10.0.0.1")).toEqual({
      limited: false,
      delayMs: 0,
    });
  });

  it("slows down more with each failure, up to a cap", async () => {
    const email = "slow@cairo.test";
    for (let i = 0; i < 20; i++) await recordSignInFailure(email, `10.1.0.${i}`);
    expect(await signInGate(email, "10.2.0.1")).toEqual({ limited: false, delayMs: 5_000 });
  });

  it("blocks an email only at a much higher ceiling, from many addresses", async () => {
    const email = "popular@cairo.test";
    for (let i = 0; i < 99; i++) await recordSignInFailure(email, `10.3.${i}.1`);
    expect((await signInGate(email, "10.4.0.1")).limited).toBe(false);
    await recordSignInFailure(email, "10.3.200.1");
    expect(await signInGate(email, "10.4.0.1")).toEqual({ limited: true });
  });

  it("blocks an address spraying many emails after 50 failures", async () => {
    for (let i = 0; i < 50; i++) await recordSignInFailure(`sprayed${i}@cairo.test`, "10.5.0.1");
    expect(await signInGate("fresh@cairo.test", "10.5.0.1")).toEqual({ limited: true });
  });

  it("forgets after 15 minutes, and when the owner gets in", async () => {
    const email = "back@cairo.test";
    for (let i = 0; i < 5; i++) await recordSignInFailure(email, "10.6.0.1");
    vi.setSystemTime(now + 15 * 60 * 1000);
    expect((await signInGate(email, "10.6.0.1")).limited).toBe(false);
    vi.setSystemTime(now);
    await recordSignInSuccess(email, "10.6.0.1");
    expect(await signInGate(email, "10.6.0.1")).toEqual({ limited: false, delayMs: 0 });
  });
});
