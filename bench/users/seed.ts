import { randomBytes } from "node:crypto";
import { encode } from "next-auth/jwt";
import { db } from "@/db/query";
import { messages, sessions, users } from "@/db/schema";
import { hashPassword } from "@/lib/accounts/passwords";

/** A simulated user: who they are and the session cookie their browser would hold. */
export interface SeededUser {
  id: number;
  name: string;
  cookie: string;
}

const COOKIE = "authjs.session-token";
const CHUNK = 500;
/** Messages already in each user's conversation with the next user: a realistic backlog. */
const BACKLOG = 10;

/**
 * `count` users, signed in, without a single scrypt hash per user or a sign-in request
 * each: rows go straight into `users` (all sharing ONE precomputed password hash, so any
 * of them could still sign in through the form) and `sessions`, and each session cookie is
 * minted here exactly as Auth.js does at sign-in (a JWE of { sub, sid } encrypted with the
 * server's AUTH_SECRET, salted with the cookie's name), so the server accepts it as is.
 * Each user also gets a backlog of BACKLOG messages with the next user.
 */
export async function seedUsers(count: number, authSecret: string): Promise<SeededUser[]> {
  const passwordHash = await hashPassword("bench users share this password", 2 ** 10);
  const run = randomBytes(3).toString("hex");
  const ids: number[] = [];
  for (let start = 0; start < count; start += CHUNK) {
    const batch = Array.from({ length: Math.min(CHUNK, count - start) }, (_, i) => ({
      name: `User ${start + i + 1}`,
      email: `user${start + i + 1}.${run}@bench.test`,
      passwordHash,
    }));
    const inserted = await db().insert(users).values(batch).returning({ id: users.id });
    ids.push(...inserted.map((row) => row.id));
  }
  const sessionIds = ids.map(() => randomBytes(24).toString("base64url"));
  for (let start = 0; start < count; start += CHUNK) {
    const batch = ids
      .slice(start, start + CHUNK)
      // Seen now: a session never seen (last_seen_at's default, 0) counts as idle and is refused.
      .map((userId, i) => ({
        id: sessionIds[start + i] as string,
        userId,
        lastSeenAt: Date.now(),
      }));
    await db().insert(sessions).values(batch);
  }
  const backlog = ids.flatMap((id, i) => {
    const next = ids[(i + 1) % ids.length] as number;
    return Array.from({ length: BACKLOG }, (_, k) => ({
      senderId: k % 2 === 0 ? id : next,
      receiverId: k % 2 === 0 ? next : id,
      content: `Earlier message ${k + 1} of a long-running conversation.`,
      createdAt: Date.now() - (BACKLOG - k) * 60_000,
      read: true,
    }));
  });
  for (let start = 0; start < backlog.length; start += CHUNK) {
    await db()
      .insert(messages)
      .values(backlog.slice(start, start + CHUNK));
  }
  return Promise.all(
    ids.map(async (id, i) => {
      const token = { sub: String(id), sid: sessionIds[i], name: `User ${i + 1}` };
      const value = await encode({ token, secret: authSecret, salt: COOKIE });
      return { id, name: token.name, cookie: `${COOKIE}=${value}` };
    }),
  );
}
