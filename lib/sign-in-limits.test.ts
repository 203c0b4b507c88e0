import { describe, expect, it } from "vitest";
import { recordSignInFailure, recordSignInSuccess, signInGate } from "./sign-in-limits";

// The defaults: 5 per email and address, 50 per address, 100 per email, slowdown after 5.
describe("sign-in limits", () => {
  const now = 1_000_000;

  it("blocks an address for an email after 5 failures, but not the owner elsewhere", () => {
    const email = "victim@cairo.test";
    for (let i = 0; i < 5; i++) recordSignInFailure(email, "10.0.0.1", now);
    expect(signInGate(email, "10.0.0.1", now)).toEqual({ limited: true });
    const owner = signInGate(email, "10.0.0.2", now);
    expect(owner.limited).toBe(false);
    // ...who waits a little instead: a slowdown, not a block.
    expect(owner.limited === false && owner.delayMs).toBe(500);
    expect(signInGate("someone.else@cairo.test", "10.0.0.1", now)).toEqual({
      limited: false,
      delayMs: 0,
    });
  });

  it("slows down more with each failure, up to a cap", () => {
    const email = "slow@cairo.test";
    for (let i = 0; i < 20; i++) recordSignInFailure(email, `10.1.0.${i}`, now);
    expect(signInGate(email, "10.2.0.1", now)).toEqual({ limited: false, delayMs: 5_000 });
  });

  it("blocks an email only at a much higher ceiling, from many addresses", () => {
    const email = "popular@cairo.test";
    for (let i = 0; i < 99; i++) recordSignInFailure(email, `10.3.${i}.1`, now);
    expect(signInGate(email, "10.4.0.1", now).limited).toBe(false);
    recordSignInFailure(email, "10.3.200.1", now);
    expect(signInGate(email, "10.4.0.1", now)).toEqual({ limited: true });
  });

  it("blocks an address spraying many emails after 50 failures", () => {
    for (let i = 0; i < 50; i++) recordSignInFailure(`sprayed${i}@cairo.test`, "10.5.0.1", now);
    expect(signInGate("fresh@cairo.test", "10.5.0.1", now)).toEqual({ limited: true });
  });

  it("forgets after 15 minutes, and when the owner gets in", () => {
    const email = "back@cairo.test";
    for (let i = 0; i < 5; i++) recordSignInFailure(email, "10.6.0.1", now);
    expect(signInGate(email, "10.6.0.1", now + 15 * 60 * 1000).limited).toBe(false);
    recordSignInSuccess(email, "10.6.0.1");
    expect(signInGate(email, "10.6.0.1", now)).toEqual({ limited: false, delayMs: 0 });
  });
});
