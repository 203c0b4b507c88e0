import { hkdfSync } from "node:crypto";
import { jwtDecrypt } from "jose";

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

/** Auth.js's `decode` (jose's jwtDecrypt, same algorithms and clock tolerance), cached key. */
async function decode(token: string, secret: string, salt: string) {
  const { payload } = await jwtDecrypt(token, ({ enc }) => derivedKey(enc, secret, salt), {
    clockTolerance: 15,
    keyManagementAlgorithms: ["dir"],
    contentEncryptionAlgorithms: ["A256CBC-HS512", "A256GCM"],
  });
  return payload;
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
    try {
      const token = await decode(value, secret, name);
      const userId = Number(token?.sub);
      const sessionId = token?.sid;
      if (!Number.isSafeInteger(userId) || userId <= 0 || typeof sessionId !== "string")
        return null;
      return { userId, sessionId };
    } catch {
      return null;
    }
  }
  return null;
}
