import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { getToken } from "next-auth/jwt";
import { cache } from "react";
import { appOrigin } from "@/lib/platform/http/origin";
import { findSessionUser, type SessionUser } from "./accounts";
import { authSecret } from "./auth-secret";
import { readSessionToken } from "./session-cookie";

/**
 * The signed-in user, re-read from the database once per request with the session the
 * cookie names: a cookie whose session ended (signed out, everywhere, or the account
 * deleted) must not keep working.
 */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const jar = await cookies();
  const token = await readSessionToken((name) => jar.get(name)?.value, authSecret());
  const found = token === "chunked" ? await fromAuthJs() : token;
  if (!found) return null;
  return (await findSessionUser(found.userId, found.sessionId)) ?? null;
});

/**
 * Auth.js's own reading of a token too large for one cookie (split in chunks): the token
 * itself, since the session Auth.js shows page scripts does not carry the session id.
 */
async function fromAuthJs() {
  const token = await getToken({
    req: { headers: await headers() },
    secret: authSecret(),
    secureCookie: appOrigin().startsWith("https:"),
  });
  const userId = Number(token?.sub);
  const sessionId = token?.sid;
  if (!Number.isSafeInteger(userId) || userId <= 0 || typeof sessionId !== "string") return null;
  return { userId, sessionId };
}

/** For pages: the signed-in user, or a redirect to /login. */
export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect("/login");
  return user;
}
