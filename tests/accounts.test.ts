import { describe, expect, it, vi } from "vitest";
import { registerUser, verifyCredentials } from "@/lib/accounts/accounts";
import { hashPassword, verifyPassword } from "@/lib/accounts/passwords";
import { createLimiter } from "@/lib/platform/rate-limit";
import { allRows } from "./helpers";

describe("passwords", () => {
  it("hashes with scrypt at the production cost and verifies only the right password", async () => {
    const hash = await hashPassword("s3cret-enough");
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyPassword("s3cret-enough", hash)).toBe(true);
    expect(await verifyPassword("s3cret-enougH", hash)).toBe(false);
    expect(await verifyPassword("anything", "garbage")).toBe(false);
  });
});

describe("registerUser", () => {
  it("stores the email lower-case and never the password", async () => {
    const result = await registerUser({
      name: " Ada ",
      email: " Ada@Cairo.Test ",
      password: "long enough",
    });
    expect(result.ok && result.data).toMatchObject({ name: "Ada", email: "ada@cairo.test" });
    const [row] = await allRows("users");
    expect(String(row?.password_hash)).not.toContain("long enough");
  });

  it("refuses a taken email, whatever its case, and bad fields with their messages", async () => {
    await registerUser({ name: "Ada", email: "ada@cairo.test", password: "long enough" });
    const again = await registerUser({
      name: "Ada 2",
      email: "ADA@cairo.test",
      password: "long enough",
    });
    expect(!again.ok && again.fieldErrors?.email).toEqual([
      "An account with this email already exists.",
    ]);
    const bad = await registerUser({ name: "", email: "not-an-email", password: "short" });
    expect(!bad.ok && Object.keys(bad.fieldErrors ?? {}).sort()).toEqual([
      "email",
      "name",
      "password",
    ]);
    expect(await allRows("users")).toHaveLength(1);
  });
});

describe("verifyCredentials", () => {
  it("accepts the right password and refuses a wrong one or an unknown email alike", async () => {
    await registerUser({ name: "Ada", email: "ada@cairo.test", password: "long enough" });
    const good = await verifyCredentials(
      { email: "ADA@cairo.test", password: "long enough" },
      "a1",
    );
    expect(good.ok).toBe(true);
    expect(
      await verifyCredentials({ email: "ada@cairo.test", password: "wrong!!!" }, "a1"),
    ).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await verifyCredentials({ email: "nobody@cairo.test", password: "x" }, "a1")).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("rate limits repeated failures for one email from one address, not the owner elsewhere", async () => {
    await registerUser({ name: "Bo", email: "bo@cairo.test", password: "long enough" });
    for (let i = 0; i < 5; i++) {
      await verifyCredentials({ email: "bo@cairo.test", password: `wrong ${i}` }, "10.0.0.1");
    }
    const limited = await verifyCredentials(
      { email: "bo@cairo.test", password: "long enough" },
      "10.0.0.1",
    );
    expect(limited).toEqual({ ok: false, reason: "rate_limited" });
    const owner = await verifyCredentials(
      { email: "bo@cairo.test", password: "long enough" },
      "10.0.0.9",
    );
    expect(owner.ok).toBe(true);
  });
});

describe("createLimiter", () => {
  it("limits a key after its failures and frees it when the window passes", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(0);
      const limiter = createLimiter({ name: "test", limit: 2, windowMs: 1000 });
      await limiter.recordFailure("k");
      vi.setSystemTime(10);
      expect(await limiter.isLimited("k")).toBe(false);
      vi.setSystemTime(20);
      expect(await limiter.recordFailure("k")).toBe(2);
      vi.setSystemTime(30);
      expect(await limiter.isLimited("k")).toBe(true);
      expect(await limiter.isLimited("other")).toBe(false);
      vi.setSystemTime(1001);
      expect(await limiter.isLimited("k")).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});
