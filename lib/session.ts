import { redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "@/auth";
import { findSessionUser, type SessionUser } from "./accounts";

/**
 * The signed-in user, re-read from the database once per request with the session the
 * cookie names: a cookie whose session ended (signed out, everywhere, or the account
 * deleted) must not keep working.
 */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const id = Number(session?.user?.id);
  const sessionId = session?.sessionId;
  if (!Number.isSafeInteger(id) || id <= 0 || !sessionId) return null;
  return (await findSessionUser(id, sessionId)) ?? null;
});

/** For pages: the signed-in user, or a redirect to /login. */
export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect("/login");
  return user;
}
