import { redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "@/auth";
import { findSessionUser, type SessionUser } from "./accounts";

/**
 * The signed-in user, re-read from the database once per request: a session cookie that
 * outlives its account (deleted on another device) must not keep working.
 */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const id = Number(session?.user?.id);
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  return (await findSessionUser(id)) ?? null;
});

/** For pages: the signed-in user, or a redirect to /login. */
export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect("/login");
  return user;
}
