import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, ne } from "drizzle-orm";
import { deleteWhere, insert } from "@/db/events";
import { sessions } from "@/db/schema";

/**
 * Server-side sessions. The (encrypted) session cookie carries the id of a row in
 * `sessions`; a request is signed in only while that row exists, so a copied cookie stops
 * working the moment its session ends. Deleting rows fires the events layer, whose live
 * receiver closes the event streams of the ended sessions.
 */
export async function startSession(userId: number): Promise<string> {
  const id = randomBytes(24).toString("base64url");
  await insert("sessions", { id, userId });
  return id;
}

/** Sign out: ends this one session. */
export async function endSession(userId: number, sessionId: string): Promise<void> {
  await deleteWhere("sessions", and(eq(sessions.userId, userId), eq(sessions.id, sessionId)));
}

/** "Sign out everywhere" (every session), or all but the one `keep` names. */
export async function endAllSessions(userId: number, { keep }: { keep?: string } = {}) {
  const ended = await deleteWhere(
    "sessions",
    and(eq(sessions.userId, userId), keep ? ne(sessions.id, keep) : undefined),
  );
  return { ended: ended.length };
}
