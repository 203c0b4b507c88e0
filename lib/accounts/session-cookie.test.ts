import { encode } from "next-auth/jwt";
import { afterEach, describe, expect, it, vi } from "vitest";
import { readSessionToken } from "./session-cookie";

const SECRET = "a test secret that is long enough to derive a key from";
const NAME = "authjs.session-token";

async function cookieFor(
  token: Record<string, unknown>,
  { salt = NAME, secret = SECRET, maxAge = 3600 } = {},
) {
  return encode({ token, secret, salt, maxAge });
}

const jar = (cookies: Record<string, string>) => (name: string) => cookies[name];

afterEach(() => {
  vi.useRealTimers();
});

describe("reading the session cookie", () => {
  it("finds the user and session an Auth.js cookie names", async () => {
    const value = await cookieFor({ sub: "42", sid: "session-1", name: "Ada" });
    expect(await readSessionToken(jar({ [NAME]: value }), SECRET)).toEqual({
      userId: 42,
      sessionId: "session-1",
    });
    const secure = await cookieFor({ sub: "7", sid: "s" }, { salt: `__Secure-${NAME}` });
    expect(await readSessionToken(jar({ [`__Secure-${NAME}`]: secure }), SECRET)).toEqual({
      userId: 7,
      sessionId: "s",
    });
  });

  it("refuses a forged, tampered, expired or foreign cookie, and a token without a session", async () => {
    const good = await cookieFor({ sub: "42", sid: "s" });
    const tampered = `${good.slice(0, -4)}AAAA`;
    const forged = await cookieFor(
      { sub: "42", sid: "s" },
      { secret: "another secret entirely, also long" },
    );
    const expired = await cookieFor({ sub: "42", sid: "s" }, { maxAge: -3600 });
    // Encrypted for another cookie name: the salt differs, so the key does.
    const foreign = await cookieFor({ sub: "42", sid: "s" }, { salt: "authjs.csrf-token" });
    const sessionless = await cookieFor({ sub: "42" });
    for (const value of [tampered, forged, expired, foreign, sessionless, "garbage"]) {
      expect(await readSessionToken(jar({ [NAME]: value }), SECRET)).toBeNull();
    }
    expect(await readSessionToken(jar({}), SECRET)).toBeNull();
  });

  it("remembers a decrypted cookie only until it expires, and only for its secret", async () => {
    const value = await cookieFor({ sub: "42", sid: "s" }, { maxAge: 60 });
    const read = (secret = SECRET) => readSessionToken(jar({ [NAME]: value }), secret);
    expect(await read()).toEqual({ userId: 42, sessionId: "s" });
    expect(await read()).toEqual({ userId: 42, sessionId: "s" });
    // Known under one secret, it still does not open under another.
    expect(await read("another secret entirely, also long")).toBeNull();
    vi.useFakeTimers({ now: Date.now() + 60_000 + 14_000 });
    expect(await read()).toEqual({ userId: 42, sessionId: "s" });
    // Past its expiry (and Auth.js's 15 s of clock tolerance) a remembered cookie is refused.
    vi.setSystemTime(Date.now() + 2_000);
    expect(await read()).toBeNull();
  });

  it("leaves a token split over several cookies to Auth.js", async () => {
    expect(await readSessionToken(jar({ [`${NAME}.0`]: "part" }), SECRET)).toBe("chunked");
  });
});
