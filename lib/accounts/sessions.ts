import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, inArray, ne } from "drizzle-orm";
import { atomic, deleteWhere, insert, updateWhere } from "@/db/events";
import { db } from "@/db/query";
import { sessions } from "@/db/schema";
import { deviceName } from "./device";

/**
 * Server-side sessions. The (encrypted) session cookie carries the id of a row in
 * `sessions`; a request is signed in only while that row exists and has not aged out, so a
 * copied cookie stops working the moment its session ends. Deleting rows fires the events
 * layer, whose live receiver closes the event streams of the ended sessions.
 */

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const setting = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

/**
 * How sessions age, from the environment: idle for SESSION_IDLE_DAYS (30) or older than
 * SESSION_LIFETIME_DAYS (90), a session no longer signs in; a user keeps at most
 * SESSIONS_PER_USER (20), the oldest ending first; last seen is written at most every
 * SESSION_LAST_SEEN_MINUTES (5).
 */
export const sessionPolicy = (() => {
  let policy: { idleMs: number; lifetimeMs: number; perUser: number; seenEveryMs: number };
  return () => {
    policy ??= {
      idleMs: setting("SESSION_IDLE_DAYS", 30) * DAY,
      lifetimeMs: setting("SESSION_LIFETIME_DAYS", 90) * DAY,
      perUser: Math.floor(setting("SESSIONS_PER_USER", 20)),
      seenEveryMs: setting("SESSION_LAST_SEEN_MINUTES", 5) * MINUTE,
    };
    return policy;
  };
})();

/** The times before which a session counts as idle, or as too old, at `now`. */
export function sessionCutoffs(now = Date.now()) {
  const { idleMs, lifetimeMs } = sessionPolicy();
  return { idleCutoff: now - idleMs, lifetimeCutoff: now - lifetimeMs };
}

const isLive = (row: { createdAt: number; lastSeenAt: number }, now: number) => {
  const { idleCutoff, lifetimeCutoff } = sessionCutoffs(now);
  return Number(row.lastSeenAt) > idleCutoff && Number(row.createdAt) > lifetimeCutoff;
};

const MAX_USER_AGENT = 300;
const MAX_ID_TOKEN = 16_000;

export async function startSession(
  userId: number,
  { userAgent, idToken }: { userAgent?: string | null; idToken?: string | null } = {},
): Promise<string> {
  const id = randomBytes(24).toString("base64url");
  const now = Date.now();
  await atomic(async () => {
    await insert("sessions", {
      id,
      userId,
      createdAt: now,
      lastSeenAt: now,
      userAgent: userAgent ? userAgent.slice(0, MAX_USER_AGENT) : null,
      idToken: idToken && idToken.length <= MAX_ID_TOKEN ? idToken : null,
    });
    await endAgedAndSurplus(userId, now);
  });
  return id;
}

/** The user's sessions that aged out end, and beyond the cap the oldest end too. */
async function endAgedAndSurplus(userId: number, now: number) {
  const mine = await db()
    .select({ id: sessions.id, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .where(eq(sessions.userId, userId))
    .orderBy(desc(sessions.createdAt), desc(sessions.id));
  const live = mine.filter((row) => isLive(row, now));
  const ending = [
    ...mine.filter((row) => !isLive(row, now)),
    ...live.slice(sessionPolicy().perUser),
  ].map((row) => row.id);
  if (ending.length > 0) {
    await deleteWhere("sessions", and(eq(sessions.userId, userId), inArray(sessions.id, ending)));
  }
}

/**
 * Called with what the per-request lookup read: writes last seen only when the one stored
 * is older than the interval, so a request within it costs no write.
 */
export async function noteSessionSeen(sessionId: string, lastSeenAt: number, now = Date.now()) {
  if (now - lastSeenAt < sessionPolicy().seenEveryMs) return;
  try {
    await updateWhere("sessions", eq(sessions.id, sessionId), { lastSeenAt: now });
  } catch (error) {
    // Last seen is advisory: a busy database must not fail the request it rides on.
    console.error("could not note a session as seen", error);
  }
}

/**
 * Sign out: ends this one session. Returns the ID token a single sign-on session kept, the
 * hint that ends the provider's session too (lib/accounts/sso-sign-out.ts).
 */
export async function endSession(
  userId: number,
  sessionId: string,
): Promise<{ idToken: string | null }> {
  const [ended] = await deleteWhere(
    "sessions",
    and(eq(sessions.userId, userId), eq(sessions.id, sessionId)),
  );
  return { idToken: ended?.idToken ?? null };
}

/**
 * "Sign out everywhere" (every session), or all but the one `keep` names. `current` names
 * the request's own session, whose ID token (single sign-on) is returned.
 */
export async function endAllSessions(
  userId: number,
  { keep, current }: { keep?: string; current?: string } = {},
) {
  const ended = await deleteWhere(
    "sessions",
    and(eq(sessions.userId, userId), keep ? ne(sessions.id, keep) : undefined),
  );
  const idToken = ended.find((row) => row.id === current)?.idToken ?? null;
  return { ended: ended.length, idToken };
}

export interface ListedSession {
  /** Names the session to the browser: derived from its id, which never leaves the server. */
  handle: string;
  device: string;
  createdAt: number;
  lastSeenAt: number;
  /** The session the request came with. */
  current: boolean;
}

/** A session's public name: a hash of its id, so a page never carries the id itself. */
function handleOf(sessionId: string): string {
  return createHash("sha256").update(sessionId).digest("base64url").slice(0, 22);
}

/** The user's live sessions, the current one first, then the most recently seen. */
export async function listSessions(userId: number, currentId: string): Promise<ListedSession[]> {
  const now = Date.now();
  const mine = await db()
    .select()
    .from(sessions)
    .where(eq(sessions.userId, userId))
    .orderBy(desc(sessions.lastSeenAt), desc(sessions.createdAt));
  return mine
    .filter((row) => isLive(row, now))
    .map((row) => ({
      handle: handleOf(row.id),
      device: deviceName(row.userAgent),
      createdAt: Number(row.createdAt),
      lastSeenAt: Number(row.lastSeenAt),
      current: row.id === currentId,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}

/** Ends the user's own session that `handle` names; false when none of theirs has it. */
export async function endSessionByHandle(userId: number, handle: string): Promise<boolean> {
  const mine = await db()
    .select({ id: sessions.id })
    .from(sessions)
    .where(eq(sessions.userId, userId));
  const found = mine.find((row) => handleOf(row.id) === handle);
  if (!found) return false;
  const ended = await deleteWhere(
    "sessions",
    and(eq(sessions.userId, userId), eq(sessions.id, found.id)),
  );
  return ended.length > 0;
}

/** The session a handle names, if it is the current one (the page then signs out). */
export function isHandleOf(handle: string, sessionId: string): boolean {
  return handleOf(sessionId) === handle;
}
