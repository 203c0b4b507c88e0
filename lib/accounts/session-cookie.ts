import { hkdfSync } from "node:crypto";
import { jwtDecrypt } from "jose";
import { createLru } from "@/db/lru";

/** Auth.js's session cookie: `__Secure-` prefixed when the app is served over https. */
export const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

export type SessionToken = { userId: number; sessionId: string };

const keys = new Map<string, Uint8Array>();

/**
 * The key Auth.js derives from the secret for a cookie (HKDF, as @auth/core's jwt.ts does),
 * derived once per secret and cookie name rather than on every request.
 */
function derivedKey(enc: string, secret: string, salt: string): Uint8Array {
  const length = enc === "A256CBC-HS512" ? 64 : enc === "A256GCM" ? 32 : 0;
  if (length === 0) throw new Error("Unsupported JWT content encryption");
  const id = `${enc}\0${salt}\0${secret}`;
  let key = keys.get(id);
  if (!key) {
    const info = `Auth.js Generated Encryption Key (${salt})`;
    key = new Uint8Array(hkdfSync("sha256", secret, salt, info, length));
    keys.set(id, key);
  }
  return key;
}

const CLOCK_TOLERANCE_SECONDS = 15;

/** Auth.js's `decode` (jose's jwtDecrypt, same algorithms and clock tolerance), cached key. */
async function decode(token: string, secret: string, salt: string) {
  const { payload } = await jwtDecrypt(token, ({ enc }) => derivedKey(enc, secret, salt), {
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
    keyManagementAlgorithms: ["dir"],
    contentEncryptionAlgorithms: ["A256CBC-HS512", "A256GCM"],
  });
  return payload;
}

/**
 * Cookies already decrypted: a browser sends the same cookie with every
 * request, and decrypting it (webcrypto HMAC and AES, key imports, jose's constant-time
 * comparison) was a tenth of the server's CPU under load. Only valid tokens are kept, until
 * they expire; the session row is still checked on every request (lib/accounts/current-user.ts), so a
 * revoked session is refused at once. Bounded: the least recently used go first.
 */
const decoded = createLru<string, SessionToken & { expiresAt: number }>(20_000);

function remembered(key: string): SessionToken | undefined {
  const entry = decoded.get(key);
  if (!entry) return undefined;
  if (entry.expiresAt > Date.now()) return { userId: entry.userId, sessionId: entry.sessionId };
  decoded.delete(key);
  return undefined;
}

function remember(key: string, token: SessionToken, exp: unknown) {
  if (typeof exp !== "number") return;
  decoded.set(key, { ...token, expiresAt: (exp + CLOCK_TOLERANCE_SECONDS) * 1000 });
}

/**
 * The user and session a request's session cookie names, read the way Auth.js reads it
 * (the JWE decrypted with AUTH_SECRET, salted with the cookie's name, expiry checked), but
 * without running Auth.js's whole session endpoint per request, which also re-encrypts a
 * fresh cookie that a route handler throws away. Null when absent, forged or expired;
 * "chunked" when Auth.js split an oversized token over several cookies (the caller then asks
 * Auth.js itself).
 */
export async function readSessionToken(
  cookie: (name: string) => string | undefined,
  secret: string,
): Promise<SessionToken | null | "chunked"> {
  for (const name of SESSION_COOKIES) {
    const value = cookie(name);
    if (!value) {
      if (cookie(`${name}.0`)) return "chunked";
      continue;
    }
    // The secret and the cookie's name are part of what decrypts it, so of the key too.
    const key = `${name}\0${secret}\0${value}`;
    const known = remembered(key);
    if (known) return known;
    try {
      const token = await decode(value, secret, name);
      const userId = Number(token?.sub);
      const sessionId = token?.sid;
      if (!Number.isSafeInteger(userId) || userId <= 0 || typeof sessionId !== "string")
        return null;
      remember(key, { userId, sessionId }, token.exp);
      return { userId, sessionId };
    } catch {
      return null;
    }
  }
  return null;
}
