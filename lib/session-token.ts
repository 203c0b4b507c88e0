import { decode } from "next-auth/jwt";

/** Auth.js's session cookie: `__Secure-` prefixed when the app is served over https. */
export const SESSION_COOKIES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

export type SessionToken = { userId: number; sessionId: string };

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
      const token = await decode({ token: value, secret, salt: name });
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
