import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "@/auth";
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

/** Auth.js's own reading of the session (a token too large for one cookie). */
async function fromAuthJs() {
  const session = await auth();
  const userId = Number(session?.user?.id);
  const sessionId = session?.sessionId;
  if (!Number.isSafeInteger(userId) || userId <= 0 || !sessionId) return null;
  return { userId, sessionId };
}

/** For pages: the signed-in user, or a redirect to /login. */
export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect("/login");
  return user;
}
